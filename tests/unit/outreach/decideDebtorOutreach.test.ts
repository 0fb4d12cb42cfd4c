import { describe, expect, it } from 'vitest';
import { decideDebtorOutreach } from '../../../src/core/outreach/decideDebtorOutreach';
import { allowAllGate } from '../../../src/core/outreach/outreachGate';
import { bogota, colombianAccount, shippedCadences } from './support';

const cadences = shippedCadences();
const now = bogota('2026-11-20T09:30');

describe('a debtor with several accounts is contacted as one person', () => {
  const card = colombianAccount({ accountId: 'acc-a', dueDate: '2026-11-20' });
  const loan = colombianAccount({ accountId: 'acc-b', dueDate: '2026-11-15' });
  const promised = colombianAccount({ accountId: 'acc-c', dueDate: '2026-10-01', promise: { dueDate: '2026-11-21', status: 'pending' } });

  it('sends one message a day: the most pressing step; the others wait until tomorrow, or are skipped if stale by then', () => {
    const decided = decideDebtorOutreach([card, loan, promised], cadences, now, allowAllGate);
    expect(decided.map((d) => [d.account.accountId, d.decision.action, d.decision.reason])).toEqual([
      ['acc-a', 'defer', 'OUTREACH.DAILY_LIMIT'],
      ['acc-b', 'skip', 'OUTREACH.DAILY_LIMIT'],
      ['acc-c', 'send', null],
    ]);
    expect(decided[0]?.decision.nextAllowedAt?.toISOString()).toBe(bogota('2026-11-21T09:00').toISOString());
    expect(decided[2]?.decision.step).toMatchObject({ kind: 'promise_due', date: '2026-11-20' });
  });

  it('picks the same account whatever order the accounts come in, and between two cadence steps the one that goes stale first', () => {
    const reversed = decideDebtorOutreach([promised, loan, card], cadences, now, allowAllGate);
    expect(reversed.filter((d) => d.decision.action === 'send').map((d) => d.account.accountId)).toEqual(['acc-c']);
    const two = decideDebtorOutreach([card, loan], cadences, now, allowAllGate);
    expect(two.filter((d) => d.decision.action === 'send').map((d) => d.account.accountId)).toEqual(['acc-b']);
  });

  it('in Colombia the law’s one contact a day is the reason given (Ley 2300 de 2023 art. 3)', async () => {
    const { loadOutreachConfig } = await import('../../../src/outreach/createOutreachModule');
    const { gate } = await loadOutreachConfig('flows');
    const decided = decideDebtorOutreach([card, loan], cadences, now, gate);
    // The loan's follow-up is on its last day; the card's due-day reminder would wait, but the next day CO allows a
    // contact (Monday) is after its last one, so it is skipped, with the law's reason.
    expect(decided.map((d) => [d.account.accountId, d.decision.action, d.decision.reason])).toEqual([['acc-a', 'skip', 'COMPLIANCE.FREQUENCY_CAP'], ['acc-b', 'send', null]]);
  });

  it('counts any proactive message to the debtor today, such as an inactivity reminder', () => {
    const reminded = { ...card, history: [{ at: bogota('2026-11-20T08:10'), channel: 'whatsapp' as const }] };
    expect(decideDebtorOutreach([reminded], cadences, now, allowAllGate)[0]?.decision).toMatchObject({ action: 'defer', reason: 'OUTREACH.DAILY_LIMIT' });
  });

  it('leaves different debtors alone', () => {
    const other = { ...loan, debtorId: 'deb-2' };
    expect(decideDebtorOutreach([card, other], cadences, now, allowAllGate).map((d) => d.decision.action)).toEqual(['send', 'send']);
  });
});
