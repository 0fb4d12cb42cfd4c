import type { DebtorPanel } from '../conversation/loadDebtorPanel';
import { maskAddress } from '../conversation/maskPersonalData';
import { formatAmount, formatInstant } from './format';
import { NextContactSection } from './NextContactSection';
import type { ProactiveExplanation } from '../../adapters/compliance/explainProactiveContact';

/** What the compliance gate says of the next proactive message to the debtor, with their time zone and the page's instant. */
export interface NextContact {
  explanation: ProactiveExplanation;
  timeZone: string;
  now: Date;
}

/**
 * The debtor's accounts, arrangements, consent and opt-outs, disputes and wrong-party marks, and the next moment a
 * proactive message is allowed.
 */
export function DebtorSidePanel(props: { panel: DebtorPanel; masked: boolean; nextContact?: NextContact | undefined }) {
  const { panel, masked, nextContact } = props;
  return (
    <aside class="panel" aria-label="Debtor">
      {nextContact ? <NextContactSection {...nextContact} /> : null}
      <h2>Accounts</h2>
      {panel.accounts.length === 0 ? <p class="empty">No accounts.</p> : null}
      <ul>
        {panel.accounts.map((a) => (
          <li>
            <strong>{a.creditor}</strong> {a.product} · <span class="money">{formatAmount(a.balance, a.currency)}</span> · due {a.dueDate} · {a.status}
            {a.segment ? ` · ${a.segment}` : ''}
            {a.pausedReason ? ` (paused: ${a.pausedReason})` : ''}
          </li>
        ))}
      </ul>
      <h2>Plans and promises</h2>
      {panel.plans.length + panel.promises.length === 0 ? <p class="empty">None.</p> : null}
      <ul>
        {panel.plans.map((p) => (
          <li>
            Plan {p.status}: {formatAmount(p.total, p.currency)} in {p.installmentCount} {p.frequency} installments ({p.paidInstallments} paid), {p.firstDueDate} → {p.lastDueDate}
          </li>
        ))}
        {panel.promises.map((p) => (
          <li>
            Promise {p.status}: {formatAmount(p.amount, p.currency)} by {p.dueDate}
            {p.paid > 0 ? ` (${formatAmount(p.paid, p.currency)} paid)` : ''}
          </li>
        ))}
      </ul>
      <h2>Consent and opt-outs</h2>
      <ul>
        {panel.contacts.map((c) => (
          <li>
            {c.channel} {masked ? maskAddress(c.address) : c.address}: {c.consent ? 'consent' : 'no consent'}
            {c.optedOutAt ? <strong class="warn"> · opted out {formatInstant(c.optedOutAt)}</strong> : null}
          </li>
        ))}
        {panel.wrongParty.map((w) => (
          <li class="warn">
            wrong party at {w.channel} {masked ? maskAddress(w.address) : w.address} ({formatInstant(w.createdAt)})
          </li>
        ))}
      </ul>
      <h2>Disputes</h2>
      {panel.disputes.length === 0 ? <p class="empty">None.</p> : null}
      <ul>
        {panel.disputes.map((d) => (
          <li>
            {d.status}: {d.reasonCode} on {d.accountExternalId} ({formatInstant(d.createdAt)})
          </li>
        ))}
      </ul>
    </aside>
  );
}
