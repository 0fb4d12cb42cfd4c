import type { ConsoleSession } from '../auth/consoleSessions';
import type { InboxQuery, InboxTab } from '../inbox/inboxFilters';
import { inboxTabs } from '../inbox/inboxFilters';
import type { InboxRow } from '../inbox/listInbox';
import type { SearchHit } from '../inbox/searchMessages';
import { maskAddress, maskBody, maskName } from '../conversation/maskPersonalData';
import { deliveryFailureText } from './deliveryFailureText';
import { formatInstant, formatWait } from './format';
import { Layout } from './Layout';

export interface FilterOptions {
  countries: string[];
  creditors: string[];
  flows: Array<{ flowId: string; flowVersion: string }>;
}

export interface InboxPageProps {
  session: ConsoleSession;
  query: InboxQuery;
  counts: Record<InboxTab, number>;
  list: { rows: InboxRow[]; next?: string } | undefined;
  search: { rows: SearchHit[]; next?: string } | undefined;
  options: FilterOptions;
  now: Date;
  error?: string;
}

const TAB_LABELS: Record<InboxTab, string> = { waiting: 'Waiting for a person', person: 'With a person', bot: 'With the bot', ended: 'Ended' };

/** The query string for these filters with some fields replaced (blank ones left out). Pure. */
export function inboxHref(query: InboxQuery, changes: Record<string, string | undefined>, path = '/console/inbox'): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...query, ...changes })) if (typeof value === 'string' && value !== '') params.set(key, value);
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function debtorName(first: string | null, last: string | null, masked: boolean): string {
  if (first === null) return 'Unknown contact';
  const full = `${first} ${last ?? ''}`.trim();
  return masked ? maskName(full) : full;
}

/** The conversation list of one tab (also served alone as the live-refresh fragment). */
export function InboxList(props: { query: InboxQuery; list: { rows: InboxRow[]; next?: string }; masked: boolean; now: Date }) {
  const { query, list, masked, now } = props;
  if (list.rows.length === 0) return <p class="empty">No conversations here.</p>;
  return (
    <>
      <ul class="conversations" aria-label={TAB_LABELS[query.tab]}>
        {list.rows.map((row) => (
          <li class={`conversation ${row.handoffAt && !row.takenByName ? 'waiting' : ''}`}>
            <a href={`/console/conversations/${row.id}`}>
              <span class="name">{debtorName(row.firstName, row.lastName, masked)}</span>
              <span class="meta">
                {row.channel} · {masked ? maskAddress(row.address) : row.address}
                {row.country ? ` · ${row.country}` : ''}
                {row.state ? ` · ${row.state}` : ''}
              </span>
              {query.tab === 'waiting' && row.handoffAt ? <span class="wait">waiting {formatWait(row.handoffAt, now)}</span> : null}
              {query.tab === 'person' && row.takenByName ? <span class="owner">with {row.takenByName}</span> : null}
              {row.lastBody !== null ? (
                <span class="snippet">
                  {row.lastDirection === 'in' ? '› ' : '‹ '}
                  {(masked ? maskBody(row.lastBody, [row.firstName ?? '', row.lastName ?? '']) : row.lastBody).slice(0, 140)}
                </span>
              ) : null}
              {row.lastOutStatus === 'failed' ? <span class="failure">Not delivered: {deliveryFailureText(row.lastOutError)}</span> : null}
              <span class="time">{formatInstant(row.updatedAt)}</span>
            </a>
          </li>
        ))}
      </ul>
      {list.next ? (
        <a class="more" href={inboxHref(query, { after: list.next })}>
          Older conversations →
        </a>
      ) : null}
    </>
  );
}

function SearchResults(props: { query: InboxQuery; search: { rows: SearchHit[]; next?: string }; masked: boolean }) {
  const { search, masked, query } = props;
  if (search.rows.length === 0) return <p class="empty">No message matches “{query.q}”.</p>;
  return (
    <>
      <ul class="conversations" aria-label="Messages found">
        {search.rows.map((hit) => (
          <li class="conversation">
            <a href={`/console/conversations/${hit.conversationId}#m-${hit.id}`}>
              <span class="name">{debtorName(hit.firstName, hit.lastName, masked)}</span>
              <span class="meta">
                {hit.channel} · {hit.direction === 'in' ? 'from the debtor' : 'to the debtor'}
              </span>
              <span class="snippet">{(masked ? maskBody(hit.body, [hit.firstName ?? '', hit.lastName ?? '']) : hit.body).slice(0, 200)}</span>
              <span class="time">{formatInstant(hit.createdAt)}</span>
            </a>
          </li>
        ))}
      </ul>
      {search.next ? (
        <a class="more" href={inboxHref(query, { after: search.next })}>
          More results →
        </a>
      ) : null}
    </>
  );
}

function Select(props: { name: keyof InboxQuery; label: string; value: string | undefined; options: Array<[string, string]> }) {
  return (
    <label>
      {props.label}
      <select name={props.name}>
        <option value="">any</option>
        {props.options.map(([value, label]) => (
          <option value={value} selected={value === props.value}>
            {label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The inbox: search, filters, tabs with counts, and the live list of the current tab. */
export function InboxPage(props: InboxPageProps) {
  const { query, counts, options } = props;
  const masked = props.session.user.role === 'viewer';
  return (
    <Layout title="Inbox" session={props.session} section="inbox">
      <h1>Inbox</h1>
      <form method="get" action="/console/inbox" class="filters" role="search">
        <input type="hidden" name="tab" value={query.tab} />
        <label class="grow">
          Search messages
          <input type="search" name="q" value={query.q ?? ''} placeholder="words in Spanish or English" />
        </label>
        <Select name="channel" label="Channel" value={query.channel} options={['whatsapp', 'sms', 'baileys', 'web'].map((c) => [c, c])} />
        <Select name="country" label="Country" value={query.country} options={options.countries.map((c) => [c, c])} />
        <Select name="creditor" label="Creditor" value={query.creditor} options={options.creditors.map((c) => [c, c])} />
        <Select name="flow" label="Flow" value={query.flow} options={[...new Set(options.flows.map((f) => f.flowId))].map((f) => [f, f])} />
        <Select name="version" label="Version" value={query.version} options={options.flows.map((f) => [f.flowVersion, `${f.flowId} ${f.flowVersion}`])} />
        <label>
          From
          <input type="date" name="from" value={query.from ?? ''} />
        </label>
        <label>
          To
          <input type="date" name="to" value={query.to ?? ''} />
        </label>
        <button type="submit">Apply</button>
      </form>
      {props.error ? (
        <p class="error" role="alert">
          {props.error}
        </p>
      ) : null}
      {props.search ? (
        <section aria-labelledby="results-title">
          <h2 id="results-title">Messages matching “{query.q}”</h2>
          <SearchResults query={query} search={props.search} masked={masked} />
        </section>
      ) : (
        <>
          <nav class="tabs" aria-label="Conversation tabs">
            {inboxTabs.map((tab) => (
              <a href={inboxHref(query, { tab, after: undefined })} aria-current={tab === query.tab ? 'page' : undefined} data-tab={tab}>
                {TAB_LABELS[tab]} <span class="count" data-count={tab}>{counts[tab]}</span>
              </a>
            ))}
          </nav>
          <section id="inbox-list" aria-live="polite" data-live-url={inboxHref(query, { fragment: 'list' })}>
            {props.list ? <InboxList query={query} list={props.list} masked={masked} now={props.now} /> : null}
          </section>
        </>
      )}
    </Layout>
  );
}
