import type { RecordedMessage } from './fakeTwilioApi';

/**
 * The body of Twilio's `GET /2010-04-01/Accounts/{sid}/Messages.json` over the fake's accepted messages: filtered by
 * To, From and DateSent (=, <, >), newest first, paged with PageSize and Page (next_page_uri). Accepted messages show
 * as sent, with DateSent the moment they were accepted. Pure.
 */
export function listMessagesPage(messages: readonly RecordedMessage[], url: URL): Record<string, unknown> {
  const q = url.searchParams;
  const at = (name: string) => (q.get(name) ? Date.parse(q.get(name) ?? '') : undefined);
  const [on, before, after] = [at('DateSent'), at('DateSent<'), at('DateSent>')];
  const matching = messages
    .filter((m) => (!q.get('To') || m.to === q.get('To')) && (!q.get('From') || m.from === q.get('From')))
    .filter((m) => (on === undefined || sameUtcDay(m.receivedAt, on)) && (before === undefined || m.receivedAt.getTime() <= before) && (after === undefined || m.receivedAt.getTime() >= after))
    .reverse();
  const pageSize = Math.min(1000, Number(q.get('PageSize') ?? 50) || 50);
  const page = Number(q.get('Page') ?? 0) || 0;
  const slice = matching.slice(page * pageSize, (page + 1) * pageSize);
  const base = url.pathname.replace(/^\/via\/[\w-]+/, '');
  const pageUri = (n: number) => {
    const next = new URLSearchParams(q);
    next.set('Page', String(n));
    next.set('PageSize', String(pageSize));
    return `${base}?${next.toString()}`;
  };
  return {
    messages: slice.map((m) => ({ ...toResource(m), status: 'sent', date_sent: twilioDate(m.receivedAt) })),
    first_page_uri: pageUri(0),
    next_page_uri: (page + 1) * pageSize < matching.length ? pageUri(page + 1) : null,
    previous_page_uri: page > 0 ? pageUri(page - 1) : null,
    page,
    page_size: pageSize,
    start: page * pageSize,
    end: page * pageSize + Math.max(0, slice.length - 1),
    uri: pageUri(page),
  };
}

/** A message resource as Twilio answers a create: queued, not sent yet. Pure. */
export function toResource(m: RecordedMessage): Record<string, unknown> {
  const date = twilioDate(m.receivedAt);
  return {
    account_sid: m.accountSid,
    api_version: '2010-04-01',
    body: m.body,
    date_created: date,
    date_sent: null,
    date_updated: date,
    direction: 'outbound-api',
    error_code: null,
    error_message: null,
    from: m.from,
    messaging_service_sid: null,
    num_media: '0',
    num_segments: '1',
    price: null,
    price_unit: 'USD',
    sid: m.sid,
    status: 'queued',
    subresource_uris: { media: `/2010-04-01/Accounts/${m.accountSid}/Messages/${m.sid}/Media.json` },
    to: m.to,
    uri: `/2010-04-01/Accounts/${m.accountSid}/Messages/${m.sid}.json`,
  };
}

function twilioDate(at: Date): string {
  return at.toUTCString().replace('GMT', '+0000');
}

function sameUtcDay(at: Date, day: number): boolean {
  return at.toISOString().slice(0, 10) === new Date(day).toISOString().slice(0, 10);
}
