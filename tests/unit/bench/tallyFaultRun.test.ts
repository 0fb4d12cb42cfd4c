import { describe, expect, it } from 'vitest';
import { tallyFaultRun } from '../../../src/bench/tallyFaultRun';

const provider = [
  { sid: 'SM1', to: 'whatsapp:+a', body: 'hola', acceptedAt: 1_100 },
  { sid: 'SM2', to: 'whatsapp:+a', body: 'doc?', acceptedAt: 1_150 },
  { sid: 'SM3', to: 'whatsapp:+b', body: 'hola', acceptedAt: 2_500 },
  { sid: 'SM9', to: 'whatsapp:+b', body: 'hola', acceptedAt: 2_600 }, // the same reply a second time
];

describe('tallyFaultRun', () => {
  it('counts delivered replies, lost inbound messages, duplicates and ack → first reply', () => {
    const figures = tallyFaultRun(
      [
        { sid: 'in1', ackedAt: 1_000, inboxStatus: 'done', replies: [{ outboxId: 'o1', status: 'sent', providerMessageId: 'SM1' }, { outboxId: 'o2', status: 'sent', providerMessageId: 'SM2' }] },
        { sid: 'in2', ackedAt: 2_000, inboxStatus: 'done', replies: [{ outboxId: 'o3', status: 'sent', providerMessageId: 'SM3' }] },
        { sid: 'in3', ackedAt: 3_000, inboxStatus: 'done', replies: [{ outboxId: 'o4', status: 'failed', providerMessageId: null }] },
        { sid: 'in4', ackedAt: 3_000, inboxStatus: undefined, replies: [] },
      ],
      provider,
      [
        { to: '+a', body: 'hola', status: 'sent' },
        { to: '+a', body: 'doc?', status: 'sent' },
        { to: '+b', body: 'hola', status: 'sent' },
        { to: '+b', body: 'bye', status: 'failed' },
      ],
    );
    expect(tallyFaultRun([], provider.slice(0, 2), [{ to: '+a', body: 'hola', status: 'sent' }, { to: '+a', body: 'doc?', status: 'pending' }]).duplicated).toBe(0);
    expect(figures).toEqual({ acknowledged: 4, repliesExpected: 4, repliesDelivered: 3, lost: 2, duplicated: 1, failedForGood: 1, ackToReply: { max: 500, p50: 500, p99: 500 } });
  });
});
