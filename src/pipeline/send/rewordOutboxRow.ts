import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB, OutboxRow } from '../../adapters/db/schema';
import type { RewriteResult, Rewriter } from '../../adapters/llm/types';
import type { Logger } from '../../observability/createLogger';
import type { Metrics } from '../../observability/createMetrics';
import type { Clock } from '../../ports/clock';
import { readStoredSession } from '../process/readStoredSession';
import { recordAudit } from '../recordAudit';

export interface RewordDeps {
  db: Kysely<DB>;
  rewriter: Rewriter;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
}

/** Audit codes of one rewording; counted per conversation for LLM_MAX_CALLS_PER_CONVERSATION. */
export const REWORD_AUDIT_CODES = { reworded: 'LLM.REWORDED', failed: 'LLM.REWORD_FAILED' } as const;

/**
 * Offers a claimed outbox row with a template key to the rewriter on its first attempt and returns the text to
 * send: the checked rewording (stored on the outbox and message rows before it is sent, so retries and the
 * transcript carry what the debtor got) or the template verbatim on any failure, which is counted and audited
 * with codes and the prompt version, never text. Never throws; the rewriter keeps to its own time budget.
 * Does I/O (DB, and the model through the rewriter).
 */
export async function rewordOutboxRow(deps: RewordDeps, row: OutboxRow): Promise<string> {
  // A retry sends what the first attempt stored, and never calls the model again.
  if (!row.template || row.attempts > 1 || row.notice) return row.body;
  try {
    const target = await loadRewordTarget(deps.db, row.conversationId);
    if (!target) return row.body;
    const names = [target.firstName, target.lastName].filter((n) => n.trim().length > 1);
    const result = await deps.rewriter(
      { key: row.template, text: row.body, values: { debtor: { firstName: target.firstName, lastName: target.lastName } }, locale: target.locale, channel: row.channel },
      { knownNames: names, llmCallsSoFar: target.llmCalls },
    );
    return await recordRewording(deps, row, target.debtorId, result);
  } catch (err) {
    deps.logger.warn({ code: 'LLM.REWORD_ERROR', outboxId: row.id, err: err instanceof Error ? err.message : String(err) }, 'rewording skipped');
    return row.body;
  }
}

interface RewordTarget {
  debtorId: string;
  firstName: string;
  lastName: string;
  locale: string;
  llmCalls: number;
}

/** The debtor's names (to redact them), the conversation locale and the rewording calls made so far. */
async function loadRewordTarget(db: Kysely<DB>, conversationId: string): Promise<RewordTarget | undefined> {
  const found = await db
    .selectFrom('conversations')
    .innerJoin('debtors', 'debtors.id', 'conversations.debtorId')
    .select(['debtors.id as debtorId', 'debtors.firstName', 'debtors.lastName', 'debtors.locale', 'conversations.session'])
    .where('conversations.id', '=', conversationId)
    .executeTakeFirst();
  if (!found) return undefined;
  const { count } = await db
    .selectFrom('auditEvents')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('conversationId', '=', conversationId)
    .where('code', 'in', [REWORD_AUDIT_CODES.reworded, REWORD_AUDIT_CODES.failed])
    .where(sql<boolean>`(data->>'llmCalled') = 'true'`)
    .executeTakeFirstOrThrow();
  // The LLM budget of a conversation covers both interpretations (counted on the session) and rewordings.
  const stored = readStoredSession(found.session);
  const locale = stored?.session.locale ?? found.locale;
  return { debtorId: found.debtorId, firstName: found.firstName, lastName: found.lastName, locale, llmCalls: Number(count) + (stored?.llmCalls ?? 0) };
}

async function recordRewording(deps: RewordDeps, row: OutboxRow, debtorId: string, result: RewriteResult): Promise<string> {
  const conversation = { id: row.conversationId, debtorId };
  const now = deps.clock.now();
  const base = { outboxId: row.id, template: row.template, prompt: result.prompt, llmCalled: result.llmCalled };
  if (result.source === 'llm' && result.violations.length === 0) {
    const stored = await deps.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('outbox')
        .set({ body: result.text, updatedAt: now })
        .where('id', '=', row.id)
        .where('status', '=', 'sending')
        .where('attempts', '=', row.attempts)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) return false;
      if (row.messageId) await trx.updateTable('messages').set({ body: result.text }).where('id', '=', row.messageId).execute();
      await recordAudit(trx, conversation, now, REWORD_AUDIT_CODES.reworded, base, 'outbox');
      return true;
    });
    deps.metrics.llmRewords.inc({ outcome: stored ? 'reworded' : 'stale' });
    return stored ? result.text : row.body;
  }
  if (result.violations.length === 0) return row.body;
  deps.metrics.llmRewords.inc({ outcome: 'verbatim' });
  for (const code of result.violations) deps.metrics.llmRewordFailures.inc({ code });
  await recordAudit(deps.db, conversation, now, REWORD_AUDIT_CODES.failed, { ...base, violations: result.violations }, 'outbox');
  deps.logger.info({ code: REWORD_AUDIT_CODES.failed, outboxId: row.id, violations: result.violations, prompt: result.prompt?.version ?? null }, 'template sent verbatim');
  return row.body;
}
