import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { loadConversationSnapshot } from '../adapters/db/repositories/loadConversationSnapshot';
import type { ConversationSnapshot } from '../adapters/db/repositories/loadConversationSnapshot';
import { writeConversationBatch } from '../adapters/db/repositories/writeConversationBatch';
import type { DB, InboxRow } from '../adapters/db/schema';
import type { Facts } from '../core/engine/types';
import type { ChannelKind } from '../ports/channel';
import { conversationLockId } from './conversationLockId';
import { forgetWrongParty } from './forgetWrongParty';
import { interpretationKey } from './interpretationKey';
import { persistDomainEffects } from './persistDomainEffects';
import type { PipelineDeps } from './pipelineDeps';
import { planConversationBatch } from './planConversationBatch';
import type { ConversationPlan, ResolveInterpretation, ResolvedInterpretation } from './planConversationBatch';
import { readInterpretTrace } from './readInterpretTrace';
import { releaseInboxRows } from './releaseInboxRows';
import type { CachedSnapshot, SnapshotCache } from './createSnapshotCache';
import { withConversationTransaction } from './withConversationTransaction';

/** How often a batch is re-planned when the conversation changed between interpreting and locking. */
const MAX_STALE_ROUNDS = 3;

export interface BatchOutcome {
  /** Rows processed (committed as done). */
  processed: readonly InboxRow[];
  /** Rows no longer ours (done by another worker) or put back (an older row of the address is held elsewhere). */
  skipped: readonly InboxRow[];
  /** Rows left for the next batch (the conversation ended before them, or a timeout row comes first). */
  remaining: readonly InboxRow[];
  staleRounds: number;
}

/**
 * Processes the claimed message rows of ONE address (in seq order): interprets them OUTSIDE any transaction
 * against the conversation as last committed (from the worker's snapshot cache when it has one, else read), then,
 * in one transaction under the conversation's advisory lock, re-reads the conversation and the facts, re-plans with
 * those interpretations (reused only where the recognizer context is unchanged) and writes everything in one
 * statement. When the conversation changed in between (a takeover, a timer, another worker, a stale cache entry),
 * the transaction writes nothing and the batch is interpreted again against a fresh read; after MAX_STALE_ROUNDS
 * the interpreter is called under the lock so the batch always completes. Does I/O.
 */
export async function processConversationBatch(deps: PipelineDeps, rows: readonly InboxRow[], snapshots?: SnapshotCache): Promise<BatchOutcome> {
  const first = rows[0];
  if (!first) return { processed: [], skipped: [], remaining: [], staleRounds: 0 };
  const where = { channel: first.channel, address: first.fromAddress, inboxIds: rows.map((r) => r.id), maxSeq: String(rows[rows.length - 1]?.seq ?? first.seq) };
  const cache = new Map<string, { key: string; resolved: ResolvedInterpretation }>();
  const counter = { llmCalls: 0 };
  const interpretAndCache = createCachingResolver(deps, cache, counter, true);
  const cachedOnly = createCachingResolver(deps, cache, counter, false);
  for (let round = 0; ; round += 1) {
    const before = (round === 0 ? snapshots?.get(first.channel, first.fromAddress) : undefined) ?? (await readUnlocked(deps, where));
    await plan(deps, before.snapshot, before.facts, rows, interpretAndCache, counter.llmCalls);
    const lastRound = round >= MAX_STALE_ROUNDS;
    let committed: CachedSnapshot | undefined;
    const outcome = await withConversationTransaction(deps.db, conversationLockId(first.channel, first.fromAddress), async (trx) => {
      const locked = forgetWrongParty(await loadConversationSnapshot(trx, { ...where, lock: true }));
      const mine = rows.filter((r) => locked.processingIds.includes(r.id) && (locked.foreignSeq === null || BigInt(r.seq) < BigInt(locked.foreignSeq)));
      const putBack = rows.filter((r) => locked.processingIds.includes(r.id) && !mine.includes(r));
      if (putBack.length > 0) await releaseInboxRows(trx, putBack.map((r) => r.id));
      const skipped = rows.filter((r) => !mine.includes(r));
      if (mine.length === 0) return { processed: [], skipped, remaining: [], staleRounds: round };
      const facts = await loadFactsFor(trx, deps, locked);
      const planned = await plan(deps, locked, facts, mine, lastRound ? interpretAndCache : cachedOnly, counter.llmCalls);
      if (planned === 'stale') return 'stale';
      if (planned.consumed.length === 0) return { processed: [], skipped, remaining: mine, staleRounds: round };
      await write(trx, deps, planned, first);
      committed = { snapshot: afterWrite(locked, planned), facts };
      const remaining = mine.slice(planned.consumed.length);
      return { processed: planned.consumed, skipped, remaining, staleRounds: round };
    });
    if (outcome !== 'stale') {
      if (committed) snapshots?.set(first.channel, first.fromAddress, committed);
      return outcome;
    }
    snapshots?.delete(first.channel, first.fromAddress);
    deps.logger.debug({ code: 'PIPELINE.INTERPRETATION_STALE', inboxId: first.id, round }, 'conversation changed while interpreting');
  }
}

/** The conversation and its facts as last committed, read without a lock (two statements). */
async function readUnlocked(deps: PipelineDeps, where: { channel: ChannelKind; address: string; inboxIds: readonly string[]; maxSeq: string }): Promise<CachedSnapshot> {
  const snapshot = forgetWrongParty(await loadConversationSnapshot(deps.db, { ...where, lock: false }));
  return { snapshot, facts: await loadFactsFor(deps.db, deps, snapshot) };
}

/** The snapshot as this batch leaves the conversation (what the next batch of the address starts from). */
function afterWrite(locked: ConversationSnapshot, planned: ConversationPlan): ConversationSnapshot {
  const conversation =
    planned.status === 'ended'
      ? undefined
      : { id: planned.conversationId, debtorId: planned.debtorId, session: planned.session, handoff: planned.writes.handoff, status: planned.status === 'unknown_contact' ? ('unknown_contact' as const) : ('active' as const) };
  return { conversation, contactDebtorId: locked.contactDebtorId, wrongParty: locked.wrongParty, processingIds: [], foreignSeq: null };
}

function plan(deps: PipelineDeps, snapshot: ConversationSnapshot, facts: Facts | undefined, rows: readonly InboxRow[], resolve: ResolveInterpretation, llmCallsMade: number) {
  const first = rows[0];
  if (!first) throw new Error('empty batch');
  return planConversationBatch({
    deps,
    channel: first.channel,
    address: first.fromAddress,
    conversation: snapshot.conversation,
    contactDebtorId: snapshot.contactDebtorId,
    facts,
    rows,
    now: deps.clock.now(),
    llmCallsMade,
    resolve,
    newId: randomUUID,
  });
}

/** Facts of the debtor the batch's conversation belongs to: the open conversation's, else the address owner's. */
async function loadFactsFor(db: Kysely<DB>, deps: PipelineDeps, snapshot: ConversationSnapshot): Promise<Facts | undefined> {
  const open = snapshot.conversation;
  const debtorId = open?.status === 'active' ? open.debtorId : snapshot.contactDebtorId;
  if (!debtorId) return undefined;
  const facts = await deps.facts.loadFacts(db, debtorId);
  if (!facts) throw new Error(`debtor ${debtorId} has no facts`);
  return facts;
}

async function write(trx: Kysely<DB>, deps: PipelineDeps, planned: ConversationPlan, first: InboxRow): Promise<void> {
  const now = deps.clock.now();
  if (planned.closeConversationId) {
    // The address became a debtor's contact point since: close the anonymous conversation before the real one opens.
    await trx.updateTable('conversations').set({ status: 'ended', updatedAt: now }).where('id', '=', planned.closeConversationId).execute();
  }
  const w = planned.writes;
  await writeConversationBatch(trx, {
    now,
    channel: first.channel,
    address: first.fromAddress,
    conversation: { id: planned.conversationId, isNew: planned.isNew, debtorId: planned.debtorId, session: planned.session, status: planned.status, handoff: w.handoff },
    messages: w.messages,
    outbox: w.outbox,
    audits: w.audits,
    timers: { upsert: [...w.timers.upsert].map(([timer, dueAt]) => ({ timer, dueAt })), cancel: [...w.timers.cancel], clearAll: w.timers.clearAll },
    optOut: w.optOut,
    doneIds: planned.consumed.map((r) => r.id),
  });
  const conversation = { id: planned.conversationId, debtorId: planned.debtorId, channel: first.channel, address: first.fromAddress };
  await persistDomainEffects(trx, deps.domainEffects, w.domain, { conversation, now });
}

/**
 * A resolver over the batch's interpretation cache: reuses an interpretation made for the same key; otherwise
 * calls the interpreter when `call` (outside the transaction, or the last round) or reports none (stale).
 * Counts the LLM calls the interpreter reports in its trace, discarded ones included.
 */
function createCachingResolver(
  deps: PipelineDeps,
  cache: Map<string, { key: string; resolved: ResolvedInterpretation }>,
  counter: { llmCalls: number },
  call: boolean,
): ResolveInterpretation {
  return async (row, ctx, opts) => {
    const key = interpretationKey(row.body, ctx, opts);
    const hit = cache.get(row.id);
    if (hit && hit.key === key) return hit.resolved;
    if (!call) return undefined;
    const result = await deps.interpret(row.body, ctx, opts);
    const trace = readInterpretTrace(result);
    if (trace?.llmCalled) counter.llmCalls += 1;
    const { intent, entities, confidence, source } = result;
    const interpretation = { intent, entities, confidence, source, ...(result.needsConfirmation ? { needsConfirmation: true } : {}) };
    const resolved = { interpretation, trace, reinterpreted: hit !== undefined };
    cache.set(row.id, { key, resolved });
    return resolved;
  };
}
