import type { ConsoleSession } from '../auth/consoleSessions';
import type { ApprovalQueueItem } from '../approvals/loadApprovalQueue';
import { maskBody, maskName } from '../conversation/maskPersonalData';
import { formatAmount, formatInstant } from './format';
import { Layout } from './Layout';

function money(value: { minor: number; currency?: string } | undefined, fallback: string | null): string {
  return value ? formatAmount(value.minor, value.currency ?? fallback ?? 'USD') : '-';
}

function Approval(props: { item: ApprovalQueueItem; session: ConsoleSession }) {
  const { item, session } = props;
  const masked = session.user.role === 'viewer';
  const name = `${item.firstName} ${item.lastName}`.trim();
  const r = item.request;
  const names = [item.firstName, item.lastName];
  return (
    <article class="approval" aria-labelledby={`a-${item.id}`}>
      <h2 id={`a-${item.id}`}>
        {r.kind ?? 'request'} for {masked ? maskName(name) : name} · {item.creditor ?? ''} {item.accountExternalId ?? ''}
      </h2>
      <p class="meta">asked {formatInstant(item.createdAt)}</p>
      <dl class="why">
        <dt>Asked for</dt>
        <dd>
          {r.requested?.amount ? `${money(r.requested.amount, item.currency)}` : ''}
          {r.requested?.count ? ` × ${r.requested.count}` : ''}
          {r.requested?.frequency ? ` ${r.requested.frequency}` : ''}
          {r.requested?.date ? ` from ${r.requested.date}` : ''}
          {r.requested?.downPayment ? `, down payment ${money(r.requested.downPayment, item.currency)}` : ''}
        </dd>
        <dt>Balance</dt>
        <dd>{money(r.balance, item.currency)}</dd>
        <dt>Limits it breaks</dt>
        <dd>
          <ul>
            {r.violations.length === 0 && r.reason ? <li>{r.reason}</li> : null}
            {r.violations.map((v) => (
              <li>
                <code>{v.code}</code>: {v.message}
              </li>
            ))}
          </ul>
        </dd>
        <dt>Policy</dt>
        <dd>{r.policy ? `${r.policy.policyId ?? '?'} / ${r.policy.portfolioId ?? '?'} / rule ${r.policy.ruleId ?? '?'}` : '-'}</dd>
        <dt>Closest offer in policy</dt>
        <dd>
          <code>{r.counterProposal ? JSON.stringify(r.counterProposal) : 'none'}</code>
        </dd>
      </dl>
      {item.conversationId ? (
        <section aria-label="The conversation">
          <ol class="transcript">
            {item.recent.map((m) => (
              <li class={`msg ${m.direction === 'in' ? 'in' : 'out'}`}>
                <p class="body">{masked ? maskBody(m.body, names) : m.body}</p>
              </li>
            ))}
          </ol>
          <a href={`/console/conversations/${item.conversationId}`}>Open the conversation</a>
        </section>
      ) : null}
      {masked ? null : (
        <form method="post" action={`/console/approvals/${item.id}/decide`}>
          <input type="hidden" name="_csrf" value={session.csrfToken} />
          <label for={`note-${item.id}`}>Note (kept with the conversation, never sent)</label>
          <textarea id={`note-${item.id}`} name="note" rows={2} maxLength={2000} />
          <button type="submit" name="decision" value="approved" class="primary">
            Approve
          </button>{' '}
          <button type="submit" name="decision" value="rejected" class="danger">
            Reject
          </button>
        </form>
      )}
    </article>
  );
}

/** The out-of-policy queue: each request, the limits it breaks and the conversation beside it; approve or reject with a note. */
export function ApprovalsPage(props: { session: ConsoleSession; items: ApprovalQueueItem[]; message?: string }) {
  return (
    <Layout title="Approvals" session={props.session} section="approvals">
      <h1>Approvals</h1>
      {props.message ? <p role="status">{props.message}</p> : null}
      {props.items.length === 0 ? <p class="empty">No request is waiting for a decision.</p> : null}
      {props.items.map((item) => (
        <Approval item={item} session={props.session} />
      ))}
    </Layout>
  );
}
