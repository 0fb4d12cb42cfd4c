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
 * each account is decided (decideOutreach); when more than one of a debtor's accounts would send, the most pressing
 * step goes out (an event step, such as a promise or an installment, before a cadence step; then the step that goes
 * stale first, as the others may still go out on a later day; then the older step; then the account id, so the
 * choice is stable), and the debtor's other accounts are decided again with that message in their history, where
 * the debtor's daily limit (and the compliance gate's caps, e.g. CO's one contact a day) holds them. Accounts come
 * back in the order given. Pure.
 */
export function decideDebtorOutreach(accounts: readonly OutreachAccount[], cadences: readonly Cadence[], now: Date, gate: OutreachGate): DecidedAccount[] {
  const decided = accounts.map((account) => ({ account, decision: decideOutreach(account, cadences, now, gate) }));
  const sendsOf = new Map<string, number[]>();
  decided.forEach((d, index) => {
    if (d.decision.action === 'send') sendsOf.set(d.account.debtorId, [...(sendsOf.get(d.account.debtorId) ?? []), index]);
  });
  for (const sends of sendsOf.values()) {
    if (sends.length < 2) continue;
    const [winner, ...rest] = sends.sort((a, b) => byUrgency(decided[a] as DecidedAccount, decided[b] as DecidedAccount));
    const chosen = decided[winner as number]?.decision;
    if (chosen?.action !== 'send') continue;
    const sent = { at: now, channel: chosen.channel };
    for (const index of rest) {
      const { account } = decided[index] as DecidedAccount;
      decided[index] = { account, decision: decideOutreach({ ...account, history: [...account.history, sent] }, cadences, now, gate) };
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
