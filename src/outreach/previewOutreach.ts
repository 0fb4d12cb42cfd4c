import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../adapters/db/schema';
import type { Cadence } from '../core/outreach/cadenceSchema';
import { decideDebtorOutreach } from '../core/outreach/decideDebtorOutreach';
import type { OutreachGate } from '../core/outreach/outreachGate';
import { loadOutreachAccounts } from './loadOutreachAccounts';

/** One line of a campaign preview, in the shape `outreach:preview --json` and GET /api/outreach/preview print. */
export interface PreviewDecision {
  externalId: string;
  accountId: string;
  step: string;
  action: 'send' | 'defer' | 'skip';
  reason: string | null;
  channel: 'whatsapp' | 'sms' | null;
  nextAllowedAt: string | null;
}

/** A preview line with what the text form shows besides: the template and whether it goes as a Content template. */
export interface PreviewLine extends PreviewDecision {
  template: string;
  contentSid: string | null;
}

/**
 * What the outreach sweep would do at `at` for every account of the portfolio, without writing anything: pages
 * through the debtors by id (`batchSize` at a time, with all their accounts, so a million accounts are never in
 * memory together), reads and decides each page as the sweep does (a debtor's accounts together), and yields the accounts with a step due (sent, deferred or skipped, with
 * the reason). Does I/O (reads only).
 */
export async function* previewOutreach(deps: { db: Kysely<DB>; cadences: readonly Cadence[]; gate: OutreachGate }, at: Date, batchSize = 1000): AsyncGenerator<PreviewLine[]> {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    // A page of debtors with all their accounts: a debtor's accounts are decided together, as the sweep does.
    const page = await sql<{ id: string | null; last: string }>`
      WITH page AS (SELECT id FROM debtors WHERE id > ${after}::uuid ORDER BY id LIMIT ${batchSize})
      SELECT a.id, (SELECT max(id::text) FROM page) AS last FROM page p LEFT JOIN accounts a ON a.debtor_id = p.id`.execute(deps.db);
    const last = page.rows[0]?.last;
    if (!last) return;
    after = last;
    const ids = page.rows.flatMap((r) => (r.id ? [r.id] : []));
    const accounts = await loadOutreachAccounts(deps.db, ids, at);
    const lines: PreviewLine[] = [];
    const decided = decideDebtorOutreach(accounts, deps.cadences, at, deps.gate).sort((a, b) => a.account.externalId.localeCompare(b.account.externalId));
    for (const { account, decision: d } of decided) {
      if (d.action === 'idle') continue;
      lines.push({
        externalId: account.externalId, accountId: account.accountExternalId, step: d.step.stepId, action: d.action, reason: d.reason,
        channel: d.channel, nextAllowedAt: d.nextAllowedAt ? d.nextAllowedAt.toISOString() : null,
        template: `${d.step.cadenceId}:${d.step.template}`, contentSid: d.action === 'send' ? d.message.contentSid : null,
      });
    }
    yield lines;
  }
}

/** The JSON form of a line (the documented shape, nothing more). Pure. */
export function toPreviewDecision(line: PreviewLine): PreviewDecision {
  const { externalId, accountId, step, action, reason, channel, nextAllowedAt } = line;
  return { externalId, accountId, step, action, reason, channel, nextAllowedAt };
}

/** Totals per reason code ('send' for the messages that would go out), sorted by count. Pure. */
export function totalPreview(lines: Iterable<PreviewLine>, totals: Map<string, number> = new Map()): Map<string, number> {
  for (const line of lines) totals.set(line.reason ?? 'send', (totals.get(line.reason ?? 'send') ?? 0) + 1);
  return totals;
}
