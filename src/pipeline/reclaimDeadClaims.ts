import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { CLAIM_OWNER_LOCK_CLASS } from '../adapters/db/registerClaimOwner';
import type { DB } from '../adapters/db/schema';

/**
 * Frees at once the inbox and outbox claims of owners that are provably gone, instead of waiting for their leases.
 * On PostgreSQL an owner is gone when it registered under the running server (pg_postmaster_start_time) and nobody
 * holds its advisory lock: the lock lives on the owner's own connection, which the server closes when the process
 * dies. Live owners hold their locks, so two live processes never take each other's claims; owners registered before a
 * server restart are left to their leases (they may be alive and reconnecting under a new id). On embedded PGlite
 * only one process runs, so every owner but `self` is gone. The freed rows are claimed as usual; an outbox row left
 * 'sending' is checked with the provider before it is sent again (reconcileOutboxRow). Returns the owners reaped.
 * Does I/O (a few statements).
 */
export async function reclaimDeadClaims(db: Kysely<DB>, opts: { self: string | undefined; kind: 'postgres' | 'pglite'; now: Date }): Promise<string[]> {
  if (!opts.self) return [];
  const alive =
    opts.kind === 'pglite'
      ? sql<boolean>`false`
      : sql<boolean>`o.postmaster_started_at IS DISTINCT FROM pg_postmaster_start_time() OR EXISTS (
          SELECT 1 FROM pg_locks l
          WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
            AND l.classid = ${CLAIM_OWNER_LOCK_CLASS}::oid AND l.objid = o.lock_key::oid
            AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()))`;
  if (opts.kind === 'postgres') {
    // Owners registered before the server's restart re-register under new ids; their old rows only describe claims
    // that their leases now govern, so they are forgotten after a while.
    await sql`DELETE FROM claim_owners WHERE postmaster_started_at IS DISTINCT FROM pg_postmaster_start_time() AND started_at < ${new Date(opts.now.getTime() - 3_600_000)}`.execute(db);
  }
  const dead = await sql<{ id: string }>`SELECT o.id FROM claim_owners o WHERE o.id <> ${opts.self} AND NOT (${alive})`.execute(db);
  const ids = dead.rows.map((r) => r.id);
  if (ids.length === 0) return [];
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('inbox').set({ lockedUntil: opts.now }).where('status', '=', 'processing').where('claimedBy', 'in', ids).execute();
    await trx.updateTable('outbox').set({ lockedUntil: opts.now }).where('status', '=', 'sending').where('claimedBy', 'in', ids).execute();
    await trx.deleteFrom('claimOwners').where('id', 'in', ids).execute();
  });
  return ids;
}
