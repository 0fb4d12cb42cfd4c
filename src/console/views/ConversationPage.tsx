import type { ConsoleSession } from '../auth/consoleSessions';
import type { ConsoleUser } from '../auth/consoleUsers';
import type { TurnWhy } from '../conversation/explainTurns';
import type { DebtorPanel } from '../conversation/loadDebtorPanel';
import type { NextContact } from './DebtorSidePanel';
import type { ConversationView } from '../conversation/loadConversationView';
import { maskAddress, maskBody, maskName } from '../conversation/maskPersonalData';
import { DebtorSidePanel } from './DebtorSidePanel';
import { deliveryFailureText } from './deliveryFailureText';
import { formatInstant, formatWait } from './format';
import { Layout } from './Layout';
import { WhyPanel } from './WhyPanel';

export interface ConversationPageProps {
  session: ConsoleSession;
  view: ConversationView;
  whys: Map<string, TurnWhy>;
  panel: DebtorPanel | undefined;
  nextContact?: NextContact | undefined;
  users: ConsoleUser[];
  handBackStates: string[];
  windowOpen: boolean;
  /** Handing back now tells the debtor the assistant is back (they wrote recently). */
  noticeOnHandBack: boolean;
  reopenTemplateSid?: string;
  now: Date;
  error?: string;
}

function statusLine(view: ConversationView, now: Date): string {
  const c = view.conversation;
  if (c.status === 'ended') return 'Ended';
  if (c.handoff && c.takenByName) return `With ${c.takenByName}${c.takenAt ? ` since ${formatInstant(c.takenAt)}` : ''} · the bot is silent`;
  if (c.handoff) return `Waiting for a person${c.handoffAt ? ` for ${formatWait(c.handoffAt, now)}` : ''} · the bot is silent`;
  return 'With the bot';
}

/** The transcript with delivery status per outbound message and the why of each bot turn (also the live fragment). */
export function Transcript(props: { view: ConversationView; whys: Map<string, TurnWhy>; masked: boolean }) {
  const { view, whys, masked } = props;
  const names = view.debtor ? [view.debtor.firstName, view.debtor.lastName] : [];
  const flow = `${view.conversation.flowId ?? '?'}@${view.conversation.flowVersion ?? '?'}`;
  return (
    <>
      <ol class="transcript" aria-label="Transcript">
        {view.messages.map((m) => (
          <li id={`m-${m.id}`} class={`msg ${m.direction === 'in' ? 'in' : m.sentByName ? 'agent' : 'out'}`}>
            <span class="who">{m.direction === 'in' ? 'Debtor' : m.sentByName ? `${m.sentByName} (person)` : 'Bot'}</span>
            <p class="body">{masked ? maskBody(m.body, names) : m.body}</p>
            <span class="meta">
              {formatInstant(m.createdAt)}
              {m.direction === 'out' ? (
                <>
                  {' · '}
                  <span class={`status status-${m.status}`}>{m.status === 'failed' ? 'not delivered' : m.status}</span>
                  {m.status === 'failed' ? <span class="failure">{` — ${deliveryFailureText(m.errorCode)}`}</span> : null}
                  {m.errorCode ? ` (${m.errorCode})` : ''}
                  {m.holdReason ? ` (held: ${m.holdReason})` : ''}
                  {m.template && !m.sentByName ? ` · template ${m.template}` : ''}
                </>
              ) : null}
            </span>
            {m.direction === 'in' && m.inboxId ? <WhyPanel why={whys.get(m.inboxId)} flow={flow} /> : null}
          </li>
        ))}
      </ol>
      {view.notes.length > 0 ? (
        <section class="notes" aria-label="Internal notes">
          <h2>Internal notes (never sent)</h2>
          <ul>
            {view.notes.map((n) => (
              <li>
                <span class="who">{n.authorName}</span> <span class="meta">{formatInstant(n.createdAt)}</span>
                <p class="body">{masked ? maskBody(n.body, names) : n.body}</p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

function Hidden(props: { token: string }) {
  return <input type="hidden" name="_csrf" value={props.token} />;
}

function Controls(props: ConversationPageProps) {
  const { view, session, users } = props;
  const c = view.conversation;
  const base = `/console/conversations/${c.id}`;
  const mine = c.takenBy === session.user.id;
  if (c.status === 'ended') return <p>This conversation has ended. The debtor's next message opens a new one with the bot.</p>;
  const colleagues = users.filter((u) => u.role !== 'viewer' && u.id !== c.takenBy && u.id !== session.user.id);
  return (
    <section class="controls" aria-label="Actions">
      {!mine ? (
        <form method="post" action={`${base}/take`}>
          <Hidden token={session.csrfToken} />
          {c.takenBy ? <input type="hidden" name="reassign" value="yes" /> : null}
          <button type="submit" class="primary">
            {c.takenBy ? `Take over from ${c.takenByName ?? 'a colleague'}` : 'Take over'}
          </button>
        </form>
      ) : null}
      {mine && props.windowOpen ? (
        <form method="post" action={`${base}/reply`} class="composer">
          <Hidden token={session.csrfToken} />
          <label for="reply">Reply to the debtor</label>
          <textarea id="reply" name="body" rows={3} maxLength={1600} required />
          <button type="submit" class="primary">
            Send reply
          </button>
        </form>
      ) : null}
      {mine && !props.windowOpen ? (
        <div class="composer closed" role="note">
          <p>
            WhatsApp's 24-hour window is closed: the debtor last wrote more than 24 hours ago, so free text would not arrive. Only an approved template can be sent; it
            asks the debtor to reply, which reopens the window.
          </p>
          {props.reopenTemplateSid ? (
            <form method="post" action={`${base}/template`}>
              <Hidden token={session.csrfToken} />
              <button type="submit">Send the approved template ({props.reopenTemplateSid})</button>
            </form>
          ) : (
            <p class="warn">No approved template is configured (CONSOLE_REOPEN_TEMPLATE_SID).</p>
          )}
        </div>
      ) : null}
      {c.handoff && props.handBackStates.length > 0 ? (
        <form method="post" action={`${base}/hand-back`} class="inline">
          <Hidden token={session.csrfToken} />
          <label for="state">Hand back to the bot at</label>
          <select id="state" name="state">
            {props.handBackStates.map((s) => (
              <option value={s} selected={s === 'menu'}>
                {s}
              </option>
            ))}
          </select>
          <button type="submit">Hand back</button>
          <span class="meta">{props.noticeOnHandBack ? 'The debtor is told the assistant is back.' : 'The debtor last wrote over 23 hours ago: the bot answers when they write, without a notice now.'}</span>
        </form>
      ) : null}
      {colleagues.length > 0 ? (
        <form method="post" action={`${base}/assign`} class="inline">
          <Hidden token={session.csrfToken} />
          <label for="assignee">Assign to</label>
          <select id="assignee" name="userId">
            {colleagues.map((u) => (
              <option value={u.id}>{u.name}</option>
            ))}
          </select>
          <button type="submit">Assign</button>
        </form>
      ) : null}
      <form method="post" action={`${base}/note`} class="composer note">
        <Hidden token={session.csrfToken} />
        <label for="note">Internal note (the debtor never sees it)</label>
        <textarea id="note" name="body" rows={2} maxLength={4000} required />
        <button type="submit">Add note</button>
      </form>
      <form method="post" action={`${base}/close`} class="inline">
        <Hidden token={session.csrfToken} />
        <button type="submit" class="danger">
          Close conversation
        </button>
      </form>
    </section>
  );
}

/** A conversation: status, actions (not for viewers), transcript with the why, and the debtor side panel. */
export function ConversationPage(props: ConversationPageProps) {
  const { view, session } = props;
  const masked = session.user.role === 'viewer';
  const d = view.debtor;
  const name = d ? `${d.firstName} ${d.lastName}`.trim() : 'Unknown contact';
  const c = view.conversation;
  return (
    <Layout title="Conversation" session={session} section="inbox">
      <div class="conversation-page">
        <div class="thread">
          <h1>{masked ? maskName(name) : name}</h1>
          <p class="meta">
            {c.channel} · {masked ? maskAddress(c.address) : c.address}
            {d ? ` · ${d.country} · ${d.locale}` : ''} · state <code>{c.state ?? '-'}</code> · flow <code>{`${c.flowId ?? '?'}@${c.flowVersion ?? '?'}`}</code>
          </p>
          <p class="status-line" id="control-status">
            {statusLine(view, props.now)}
          </p>
          {props.error ? (
            <p class="error" role="alert">
              {props.error}
            </p>
          ) : null}
          {session.user.role !== 'viewer' ? <Controls {...props} /> : <p class="meta">Viewers can read but not act; personal data is masked.</p>}
          <section id="transcript" aria-live="polite" data-live-url={`/console/conversations/${c.id}?fragment=transcript`}>
            <Transcript view={view} whys={props.whys} masked={masked} />
          </section>
        </div>
        {props.panel ? <DebtorSidePanel panel={props.panel} masked={masked} nextContact={props.nextContact} /> : null}
      </div>
    </Layout>
  );
}
