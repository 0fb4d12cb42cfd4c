import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import { z } from 'zod';

export const inboxTabs = ['waiting', 'person', 'bot', 'ended'] as const;
export type InboxTab = (typeof inboxTabs)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const blankToUndefined = (v: unknown) => (v === '' ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

/** The inbox's query string: tab, filters, search text and cursor (blank fields mean "any"). */
export const inboxQuerySchema = z.object({
  tab: optional(z.enum(inboxTabs)).transform((t) => t ?? 'waiting'),
  channel: optional(z.enum(['whatsapp', 'sms', 'baileys', 'web'])),
  country: optional(z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter country code')),
  creditor: optional(z.string().max(100)),
  flow: optional(z.string().max(100)),
  version: optional(z.string().max(64)),
  from: optional(isoDate),
  to: optional(isoDate),
  q: optional(z.string().trim().max(200)),
  after: optional(z.string().max(200)),
});
export type InboxQuery = z.infer<typeof inboxQuerySchema>;

/** The SQL condition of a tab, on conversations `c`. Pure. */
export function tabCondition(tab: InboxTab): RawBuilder<boolean> {
  switch (tab) {
    case 'waiting':
      return sql<boolean>`(c.handoff AND c.taken_by IS NULL AND c.status = 'active')`;
    case 'person':
      return sql<boolean>`(c.handoff AND c.taken_by IS NOT NULL AND c.status = 'active')`;
    case 'bot':
      return sql<boolean>`(NOT c.handoff AND c.status <> 'ended')`;
    case 'ended':
      return sql<boolean>`(c.status = 'ended')`;
  }
}

/** Whether the filters read the debtor (`d`): only then do the queries join debtors. Pure. */
export function needsDebtor(q: InboxQuery): boolean {
  return q.country !== undefined;
}

/** Whether any filter narrows the conversations (tab and search text aside). Pure. */
export function hasFilters(q: InboxQuery): boolean {
  return [q.channel, q.country, q.creditor, q.flow, q.version, q.from, q.to].some((v) => v !== undefined);
}

/** The filters as one SQL condition on conversations `c` and debtors `d` (date range on last activity, UTC days). Pure. */
export function filterCondition(q: InboxQuery): RawBuilder<boolean> {
  const parts: RawBuilder<boolean>[] = [sql<boolean>`true`];
  if (q.channel) parts.push(sql<boolean>`c.channel = ${q.channel}`);
  if (q.country) parts.push(sql<boolean>`d.country = ${q.country}`);
  if (q.creditor) parts.push(sql<boolean>`EXISTS (SELECT 1 FROM accounts a WHERE a.debtor_id = c.debtor_id AND a.creditor = ${q.creditor})`);
  if (q.flow) parts.push(sql<boolean>`c.flow_id = ${q.flow}`);
  if (q.version) parts.push(sql<boolean>`c.flow_version = ${q.version}`);
  if (q.from) parts.push(sql<boolean>`c.updated_at >= ${q.from}::date`);
  if (q.to) parts.push(sql<boolean>`c.updated_at < ${q.to}::date + 1`);
  return sql<boolean>`(${sql.join(parts, sql` AND `)})`;
}

/** A keyset cursor: the sort time as PostgreSQL prints it (microseconds kept) and the id. Pure. */
export function encodeCursor(sortKey: string, id: string): string {
  return Buffer.from(`${sortKey}|${id}`).toString('base64url');
}

/** Reads a cursor made by encodeCursor; undefined when malformed. Pure. */
export function decodeCursor(value: string | undefined): { sortKey: string; id: string } | undefined {
  if (!value) return undefined;
  const [sortKey, id] = Buffer.from(value, 'base64url').toString('utf8').split('|');
  if (!sortKey || !id || !/^[0-9a-f-]{36}$/i.test(id) || !/^\d{4}-\d{2}-\d{2} [\d:.+-]+$/.test(sortKey)) return undefined;
  return { sortKey, id };
}
