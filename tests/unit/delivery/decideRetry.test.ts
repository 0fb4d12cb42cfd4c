import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../../src/adapters/channels/twilio/createTwilioRequestClient';
import { mapTwilioError } from '../../../src/adapters/channels/twilio/mapTwilioError';
import { decideRetry, DEFAULT_RETRY_POLICY } from '../../../src/pipeline/send/decideRetry';
import type { SendFailure } from '../../../src/ports/channel';

const t0 = new Date('2026-12-05T10:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const ctx = (attempt: number, nowMs: number, random = () => 1) => ({ attempt, firstAttemptAt: t0, now: at(nowMs), policy: DEFAULT_RETRY_POLICY, random });
const fail = (kind: SendFailure['kind'], extra: Partial<SendFailure> = {}): SendFailure => ({ code: 'X', message: 'x', retryable: kind !== 'permanent', kind, ...extra });

describe('decideRetry', () => {
  it('fails a permanent error at once, whatever the budget left', () => {
    expect(decideRetry(fail('permanent'), ctx(1, 0))).toEqual({ retry: false, reason: 'PERMANENT' });
  });

  it('waits exactly what Retry-After says on a 429, and gives up now when that is past the budget', () => {
    expect(decideRetry(fail('rate_limited', { retryAfterMs: 42_000 }), ctx(1, 0))).toEqual({ retry: true, at: at(42_000) });
    expect(decideRetry(fail('rate_limited', { retryAfterMs: 120_000 }), ctx(9, 800_000))).toEqual({ retry: false, reason: 'RETRY_BUDGET_EXHAUSTED' });
  });

  it('backs off per kind, doubling to a minute, with jitter between half and all of the wait', () => {
    expect(decideRetry(fail('unavailable'), ctx(1, 0))).toEqual({ retry: true, at: at(2_000) });
    expect(decideRetry(fail('timeout'), ctx(2, 0))).toEqual({ retry: true, at: at(10_000) });
    expect(decideRetry(fail('rate_limited'), ctx(20, 0))).toEqual({ retry: true, at: at(60_000) });
    expect(decideRetry(fail('unavailable'), ctx(1, 0, () => 0))).toEqual({ retry: true, at: at(1_000) });
  });

  it('cuts the last wait to the deadline for one last try, and stops at the deadline', () => {
    expect(decideRetry(fail('unavailable'), ctx(10, 880_000))).toEqual({ retry: true, at: at(900_000) });
    expect(decideRetry(fail('unavailable'), ctx(11, 900_000))).toEqual({ retry: false, reason: 'RETRY_BUDGET_EXHAUSTED' });
  });
});

describe('Twilio failures as the outbox sees them', () => {
  it('reads Retry-After in seconds or as an HTTP date', () => {
    expect(parseRetryAfter('3')).toBe(3_000);
    expect(parseRetryAfter('Sat, 05 Dec 2026 10:00:30 GMT', t0.getTime())).toBe(30_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });

  it('tells a refused connection (nothing sent) from a timeout or a reset (maybe accepted)', () => {
    expect(mapTwilioError({ code: 'ECONNREFUSED' })).toMatchObject({ kind: 'unavailable', retryable: true });
    expect(mapTwilioError({ code: 'ECONNREFUSED' }).unconfirmed).toBeUndefined();
    expect(mapTwilioError({ code: 'ECONNABORTED' })).toMatchObject({ code: 'TWILIO.TIMEOUT', kind: 'timeout', unconfirmed: true });
    expect(mapTwilioError({ code: 'ECONNRESET' })).toMatchObject({ kind: 'timeout', unconfirmed: true });
    expect(mapTwilioError({ status: 429, code: 20429, retryAfterMs: 5_000 })).toMatchObject({ kind: 'rate_limited', retryAfterMs: 5_000 });
  });
});
