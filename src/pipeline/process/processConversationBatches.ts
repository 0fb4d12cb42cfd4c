import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { loadConversationSnapshots } from '../../adapters/db/repositories/loadConversationSnapshots';
import type { ConversationSnapshot, SnapshotAddress } from '../../adapters/db/repositories/loadConversationSnapshots';
import { writeConversationBatches } from '../../adapters/db/repositories/writeConversationBatches';
import type { DB, InboxRow } from '../../adapters/db/schema';
import type { Facts } from '../../core/engine/types';
import { conversationLockId } from './conversationLockId';
import type { CachedSnapshot, SnapshotCache } from './createSnapshotCache';
import { createCachingResolver } from './createCachingResolver';
import type { InterpretationCache } from './createCachingResolver';
import { forgetWrongParty } from './forgetWrongParty';
import { isSameJson } from '../../core/json/isSameJson';
import { debtorOf, factsFor } from './debtorOfSnapshot';
import { isSameRead, keepSameSession } from './reuseUnchangedRead';
import { loadFactsOf } from './loadFactsOf';
import { handleDomainEffects, insertUnhandledEffectAudits } from './persistDomainEffects';
import type { UnhandledEffectAudit } from './persistDomainEffects';
import type { PipelineDeps } from '../pipelineDeps';
import { planConversationBatch } from './planConversationBatch';
import type { ConversationPlan, ResolveInterpretation } from './planConversationBatch';
import { rememberStoredSession } from './readStoredSession';
import { releaseInboxRows } from './releaseInboxRows';
import { runWithConcurrency } from '../runWithConcurrency';
import { withConversationTransaction } from './withConversationTransaction';

/** How often a batch is re-planned when the conversation changed between interpreting and locking. */
const MAX_STALE_ROUNDS = 3;
/** Conversations interpreted at once outside the transaction (each may wait on an LLM). */
const INTERPRET_CONCURRENCY = 8;

export interface BatchOutcome {
  /** Rows processed (committed as done). */
  processed: readonly InboxRow[];
  /** Rows no longer ours (done by another worker) or put back (an older row of the address is held elsewhere). */
  skipped: readonly InboxRow[];
  /** Rows left for the next batch (the conversation ended before them, or a timeout row comes first). */
  remaining: readonly InboxRow[];
  staleRounds: number;
}

/** One address's claimed rows and the interpretations made for them across rounds. */
interface Group {
  rows: readonly InboxRow[];
  address: SnapshotAddress;
  lockId: bigint;
  interpretations: InterpretationCache;
  /** Calls the interpreter (outside the transaction, or in the last round). */
  interpret: ResolveInterpretation;
  /** Only reuses interpretations whose context is unchanged (under the lock). */
  reuse: ResolveInterpretation;
  /** The plan made outside the transaction and what it was made from, reused when the locked read is the same. */
  outside?: { plan: ConversationPlan; from: CachedSnapshot };
}

/** A group planned under the lock, ready to write. */
interface Planned {
  group: Group;
  plan: ConversationPlan;
}

/**
 * Processes the claimed message rows of SEVERAL addresses (each group one address, in seq order) in ONE
 * transaction. Each group is interpreted OUTSIDE any transaction against its conversation as last committed (from
 * the worker's snapshot cache when it has one, else read: one statement for all), then, under all the groups'
 * advisory locks, every conversation and the debtors' facts are read again (one statement each). Where that read
 * is what the group was planned from, the plan made outside is written as it is; otherwise the group is re-planned
 * with its interpretations (reused only where the recognizer context is unchanged). Everything is written in one
 * statement, plus the domain effects. A group whose conversation changed in between (a takeover, a timer, another
 * worker, a stale cache entry) writes nothing and goes round again against a fresh read; after MAX_STALE_ROUNDS
 * the interpreter is called under the lock, so every group completes. Returns one outcome per group, in order.
 * Throws when the transaction fails (nothing of it is written); the caller then retries the groups one by one.
 * Does I/O.
 */
export async function processConversationBatches(deps: PipelineDeps, rowGroups: ReadonlyArray<readonly InboxRow[]>, snapshots?: SnapshotCache): Promise<BatchOutcome[]> {
  const groups = rowGroups.map((rows) => createGroup(deps, rows));
  const outcomes: BatchOutcome[] = groups.map(() => ({ processed: [], skipped: [], remaining: [], staleRounds: 0 }));
  let pending = groups.flatMap((g, index) => (g ? [index] : []));
  for (let round = 0; pending.length > 0; round += 1) {
    const batch = pending.map((index) => groups[index] as Group);
    const before = await readBefore(deps, batch, round === 0 ? snapshots : undefined);
    // Interpret and plan outside the transaction; under the locks the plan is kept if nothing changed meanwhile.
    await runWithConcurrency(batch.map((group, k) => ({ group, known: before[k] as CachedSnapshot })), INTERPRET_CONCURRENCY, async ({ group, known }) => {
      const planned = await plan(deps, known.snapshot, known.facts, group.rows, group.interpret, group);
      group.outside = planned === 'stale' ? undefined : { plan: planned, from: known };
    });
    const lastRound = round >= MAX_STALE_ROUNDS;
    const settled = await withConversationTransaction(deps.db, batch.map((g) => g.lockId), (trx) => settleLocked(trx, deps, batch, before, { round, lastRound }));
    for (const [k, index] of pending.entries()) {
      const result = settled.results[k];
      if (result && result !== 'stale') outcomes[index] = result.outcome;
    }
    for (const [group, result] of batch.map((g, k) => [g, settled.results[k]] as const)) {
      if (result === 'stale') {
        snapshots?.delete(group.address.channel, group.address.address);
        deps.logger.debug({ code: 'PIPELINE.INTERPRETATION_STALE', inboxId: group.rows[0]?.id, round }, 'conversation changed while interpreting');
      } else if (result?.committed) snapshots?.set(group.address.channel, group.address.address, result.committed);
    }
    pending = pending.filter((_, k) => settled.results[k] === 'stale');
  }
  return outcomes;
}

type Settled = 'stale' | { outcome: BatchOutcome; committed?: CachedSnapshot };

/**
 * Under the locks: re-read, decide which rows are still ours, re-plan, write everything. A session or facts read
 * here that equals what the batch was interpreted with is replaced by that same object, so what was validated
 * for it (the stored session, the collections facts) is not validated again.
 */
async function settleLocked(
  trx: Kysely<DB>,
  deps: PipelineDeps,
  batch: readonly Group[],
  before: readonly CachedSnapshot[],
  at: { round: number; lastRound: boolean },
): Promise<{ results: Settled[] }> {
  const inboxIds = batch.flatMap((g) => g.rows.map((r) => r.id));
  const read = await loadConversationSnapshots(trx, { addresses: batch.map((g) => g.address), inboxIds, lock: true });
  const locked = read.map((snapshot, k) => forgetWrongParty(keepSameSession(before[k]?.snapshot, snapshot)));
  const claims = batch.map((group, k) => splitClaim(group.rows, locked[k] as ConversationSnapshot));
  await releaseInboxRows(trx, claims.flatMap((c) => c.putBack.map((r) => r.id)));
  const fresh = await loadFactsOf(trx, deps.facts, locked.flatMap((snapshot, k) => (claims[k]?.mine.length ? [debtorOf(snapshot)] : [])));
  const facts = new Map(fresh);
  for (const [k, snapshot] of locked.entries()) {
    const debtorId = debtorOf(snapshot);
    const earlier = before[k]?.facts;
    if (debtorId !== null && earlier !== undefined && isSameJson(earlier, fresh.get(debtorId))) facts.set(debtorId, earlier);
  }
  const results: Settled[] = [];
  const toWrite: Planned[] = [];
  for (const [k, group] of batch.entries()) {
    const snapshot = locked[k] as ConversationSnapshot;
    const { mine, skipped } = claims[k] ?? { mine: [], skipped: [] };
    if (mine.length === 0) {
      results.push({ outcome: { processed: [], skipped, remaining: [], staleRounds: at.round } });
      continue;
    }
    const known = factsFor(snapshot, facts);
    const outside = group.outside;
    const unchanged = outside !== undefined && mine.length === group.rows.length && isSameRead(outside.from, { snapshot, facts: known });
    const planned = unchanged ? outside.plan : await plan(deps, snapshot, known, mine, at.lastRound ? group.interpret : group.reuse, group);
    if (planned === 'stale') {
      results.push('stale');
      continue;
    }
    if (planned.consumed.length === 0) {
      results.push({ outcome: { processed: [], skipped, remaining: mine, staleRounds: at.round } });
      continue;
    }
    toWrite.push({ group, plan: planned });
    const remaining = mine.slice(planned.consumed.length);
    results.push({ outcome: { processed: planned.consumed, skipped, remaining, staleRounds: at.round }, committed: { snapshot: afterWrite(snapshot, planned), facts: known } });
  }
  await write(trx, deps, toWrite);
  return { results };
}

/** Of a group's rows, those still ours and in order (mine), those to put back behind an older foreign row, and the rest (skipped). */
function splitClaim(rows: readonly InboxRow[], locked: ConversationSnapshot) {
  const held = rows.filter((r) => locked.processingIds.includes(r.id));
  const mine = held.filter((r) => locked.foreignSeq === null || BigInt(r.seq) < BigInt(locked.foreignSeq));
  const putBack = held.filter((r) => !mine.includes(r));
  return { mine, putBack, skipped: rows.filter((r) => !mine.includes(r)) };
}

/** The group of an address's rows; undefined for no rows (its outcome stays empty). */
function createGroup(deps: PipelineDeps, rows: readonly InboxRow[]): Group | undefined {
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (!first || !last) return undefined;
  const interpretations: InterpretationCache = { entries: new Map(), llmCalls: 0 };
  return {
    rows,
    address: { channel: first.channel, address: first.fromAddress, maxSeq: String(last.seq) },
    lockId: conversationLockId(first.channel, first.fromAddress),
    interpretations,
    interpret: createCachingResolver(deps.interpret, interpretations, true),
    reuse: createCachingResolver(deps.interpret, interpretations, false),
  };
}

/** Each group's conversation and facts as last committed, in batch order: the worker's cache, else read without locks (two statements for all). */
async function readBefore(deps: PipelineDeps, batch: readonly Group[], cache: SnapshotCache | undefined): Promise<CachedSnapshot[]> {
  const known = batch.map((group) => cache?.get(group.address.channel, group.address.address));
  const missing = batch.filter((_, k) => known[k] === undefined);
  if (missing.length === 0) return known as CachedSnapshot[];
  const inboxIds = missing.flatMap((g) => g.rows.map((r) => r.id));
  const read = (await loadConversationSnapshots(deps.db, { addresses: missing.map((g) => g.address), inboxIds, lock: false })).map(forgetWrongParty);
  const facts = await loadFactsOf(deps.db, deps.facts, read.map(debtorOf));
  const fresh = read.map((snapshot) => ({ snapshot, facts: factsFor(snapshot, facts) }));
  return known.map((hit) => hit ?? (fresh.shift() as CachedSnapshot));
}

/** The snapshot as this batch leaves the conversation (what the next batch of the address starts from). */
function afterWrite(locked: ConversationSnapshot, planned: ConversationPlan): ConversationSnapshot {
  if (planned.session && planned.stored) rememberStoredSession(planned.session, planned.stored);
  const conversation =
    planned.status === 'ended'
      ? undefined
      : { id: planned.conversationId, debtorId: planned.debtorId, session: planned.session, handoff: planned.writes.handoff, status: planned.status === 'unknown_contact' ? ('unknown_contact' as const) : ('active' as const) };
  // The read gives the last ended conversation only while none is open: the one this batch ended, if it did.
  const previous = conversation ? null : planned.status === 'ended' ? { id: planned.conversationId, debtorId: planned.debtorId, session: planned.session } : locked.previous;
  return { conversation, previous, contactDebtorId: locked.contactDebtorId, wrongParty: locked.wrongParty, optedOut: planned.optedOut, processingIds: [], foreignSeq: null };
}

function plan(deps: PipelineDeps, snapshot: ConversationSnapshot, facts: Facts | undefined, rows: readonly InboxRow[], resolve: ResolveInterpretation, group: Group) {
  const first = rows[0];
  if (!first) throw new Error('empty batch');
  return planConversationBatch({
    deps,
    channel: first.channel,
    address: first.fromAddress,
    conversation: snapshot.conversation,
    previous: snapshot.previous,
    contactDebtorId: snapshot.contactDebtorId,
    optedOut: snapshot.optedOut,
    facts,
    rows,
    now: deps.clock.now(),
    llmCallsMade: group.interpretations.llmCalls,
    resolve,
    newId: randomUUID,
  });
}

/** Writes the planned groups: anonymous conversations to close, then one statement for all, then their domain effects (the audits of unhandled ones in one statement). */
async function write(trx: Kysely<DB>, deps: PipelineDeps, planned: readonly Planned[]): Promise<void> {
  if (planned.length === 0) return;
  const now = deps.clock.now();
  const closing = planned.flatMap((p) => (p.plan.closeConversationId ? [p.plan.closeConversationId] : []));
  if (closing.length > 0) {
    // The address became a debtor's contact point since: close the anonymous conversation before the real one opens.
    await trx.updateTable('conversations').set({ status: 'ended', updatedAt: now }).where('id', 'in', closing).execute();
  }
  await writeConversationBatches(
    trx,
    now,
    planned.map(({ group, plan: p }) => {
      const w = p.writes;
      return {
        channel: group.address.channel,
        address: group.address.address,
        conversation: { id: p.conversationId, isNew: p.isNew, debtorId: p.debtorId, session: p.session, status: p.status, handoff: w.handoff },
        messages: w.messages,
        outbox: w.outbox,
        audits: w.audits,
        timers: { upsert: [...w.timers.upsert].map(([timer, dueAt]) => ({ timer, dueAt })), cancel: [...w.timers.cancel], clearAll: w.timers.clearAll },
        optOut: w.optOut,
        optOutInboxId: w.optOutInboxId,
        resubscribe: w.resubscribe,
        doneIds: p.consumed.map((r) => r.id),
      };
    }),
  );
  const unhandled: UnhandledEffectAudit[] = [];
  for (const { group, plan: p } of planned) {
    if (p.writes.domain.length === 0) continue;
    const conversation = { id: p.conversationId, debtorId: p.debtorId, channel: group.address.channel, address: group.address.address };
    unhandled.push(...(await handleDomainEffects(trx, deps.domainEffects, p.writes.domain, { conversation, now })));
  }
  await insertUnhandledEffectAudits(trx, unhandled);
}
