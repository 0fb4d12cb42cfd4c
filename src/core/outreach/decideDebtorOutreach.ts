import { addDays } from '../collections/dates/addPeriod';
import type { Cadence } from './cadenceSchema';
import { decideOutreach } from './decideOutreach';
import type { OutreachDecision } from './decideOutreach';
import type { OutreachAccount } from './outreachAccount';
import type { OutreachGate } from './outreachGate';

/** One account's decision as the sweep (or the preview) made it. */
export interface DecidedAccount {
  account: OutreachAccount;
  decision: OutreachDecision;
}

/**
 * Decides a batch of accounts debtor by debtor, so that a debtor with several accounts is contacted as one person:
 * each account is decided (decideOutreach); when more than one of a debtor's accounts would send, the most
 * pressing step goes out (an event step, such as a promise or an installment, before a cadence step; then the step
 * that goes stale first, as the others may still go out on a later day; then the older step; then the account id,
 * so the choice is stable), and the debtor's other accounts are decided again
 * with that message in their history, where the debtor's daily limit and the compliance gate's caps (CO: one
 * contact a day) hold them. Accounts come back in the order given. Pure.
 */
export function decideDebtorOutreach(accounts: readonly OutreachAccount[], cadences: readonly Cadence[], now: Date, gate: OutreachGate): DecidedAccount[] {
  const decided = accounts.map((account) => ({ account, decision: decideOutreach(account, cadences, now, gate) }));
  const byDebtor = new Map<string, number[]>();
  decided.forEach((d, index) => {
    if (d.decision.action === 'send') byDebtor.set(d.account.debtorId, [...(byDebtor.get(d.account.debtorId) ?? []), index]);
  });
  for (const sends of byDebtor.values()) {
    let pending = sends;
    while (pending.length > 1) {
      const [winner, ...rest] = [...pending].sort((a, b) => byUrgency(decided[a] as DecidedAccount, decided[b] as DecidedAccount));
      const chosen = decided[winner as number] as DecidedAccount;
      if (chosen.decision.action !== 'send') break;
      const sent = { at: now, channel: chosen.decision.channel };
      for (const index of rest) {
        const { account } = decided[index] as DecidedAccount;
        const withSend = { ...account, history: [...account.history, sent] };
        decided[index] = { account, decision: decideOutreach(withSend, cadences, now, gate) };
      }
      // Whatever the debtor's rules still allow after that message (none does today: one step a debtor a day).
      pending = rest.filter((index) => decided[index]?.decision.action === 'send');
    }
  }
  return decided;
}

function byUrgency(a: DecidedAccount, b: DecidedAccount): number {
  const sa = a.decision.step;
  const sb = b.decision.step;
  if (!sa || !sb) return 0;
  const eventFirst = (sa.kind === 'cadence' ? 1 : 0) - (sb.kind === 'cadence' ? 1 : 0);
  if (eventFirst !== 0) return eventFirst;
  const staleA = addDays(sa.date, sa.validDays);
  const staleB = addDays(sb.date, sb.validDays);
  if (staleA !== staleB) return staleA < staleB ? -1 : 1;
  if (sa.date !== sb.date) return sa.date < sb.date ? -1 : 1;
  return a.account.accountId < b.account.accountId ? -1 : a.account.accountId > b.account.accountId ? 1 : 0;
}
