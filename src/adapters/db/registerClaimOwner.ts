import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import pg from 'pg';
import type { Logger } from '../../observability/createLogger';
import type { DB } from './schema';

/** First key of the two-int advisory locks that say "this claim owner is alive" (a key space of its own). */
export const CLAIM_OWNER_LOCK_CLASS = 0x50414354 & 0x7fffffff;

/** This process as the owner of its inbox and outbox claims. */
export interface ClaimOwner {
  /** The owner id to record on a claim now; undefined while the liveness connection is down (claims then carry none). */
  id(): string | undefined;
  /** Releases the lock and deletes the registration (graceful stop). */
  stop(): Promise<void>;
}

/**
 * Registers this process in claim_owners under a fresh owner id and, on PostgreSQL, holds the advisory lock
 * (CLAIM_OWNER_LOCK_CLASS, lock_key) on a connection of its own for as long as it lives: when the process dies, the
 * server ends that session and frees the lock, which is how others know its claims are dead (reclaimDeadClaims).
 * Registration and lock are one transaction, so no one sees the row without its lock. If the connection drops, the old
 * id is given up for good (others may take its claims) and a new one is registered once the server answers again. On
 * embedded PGlite (one process) the row is written without a lock. Does I/O.
 */
export async function registerClaimOwner(opts: { db: Kysely<DB>; url: string; kind: 'postgres' | 'pglite'; role: string; logger: Logger }): Promise<ClaimOwner> {
  if (opts.kind === 'pglite') return registerWithoutLock(opts.db, opts.role);
  let current: string | undefined;
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  const register = async (): Promise<void> => {
    const id = `${opts.role}-${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`;
    const next = new pg.Client({ connectionString: opts.url });
    client = next;
    const lost = (reason: string) => {
      if (client !== next || stopped) return;
      if (current === id) current = undefined;
      opts.logger.warn({ code: 'CLAIMS.OWNER_LOST', owner: id, err: reason }, 'claim owner connection lost; registering anew');
      void next.end().catch(() => undefined);
      scheduleRetry();
    };
    next.on('error', (err) => lost(err.message));
    next.on('end', () => lost('connection ended'));
    try {
      await next.connect();
      await next.query('BEGIN');
      const inserted = await next.query<{ lock_key: number }>(
        `INSERT INTO claim_owners (id, role, host, pid, postmaster_started_at) VALUES ($1, $2, $3, $4, pg_postmaster_start_time()) RETURNING lock_key`,
        [id, opts.role, hostname(), process.pid],
      );
      const key = inserted.rows[0]?.lock_key;
      if (key === undefined) throw new Error('claim owner row was not inserted');
      await next.query('SELECT pg_advisory_lock($1, $2)', [CLAIM_OWNER_LOCK_CLASS, key]);
      await next.query('COMMIT');
      current = id;
      opts.logger.info({ code: 'CLAIMS.OWNER_REGISTERED', owner: id }, 'claim owner registered');
      if (stopped) await release();
    } catch (err) {
      opts.logger.warn({ code: 'CLAIMS.OWNER_REGISTER_FAILED', err: err instanceof Error ? err.message : String(err) }, 'could not register claim owner');
      lost(err instanceof Error ? err.message : String(err));
    }
  };
  const scheduleRetry = () => {
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      void register();
    }, 1_000);
  };
  const release = async () => {
    const id = current;
    current = undefined;
    if (!client) return;
    if (id) await client.query('DELETE FROM claim_owners WHERE id = $1', [id]).catch(() => undefined);
    await client.end().catch(() => undefined);
  };

  await register();
  return {
    id: () => current,
    async stop() {
      stopped = true;
      clearTimeout(retry);
      await release();
    },
  };
}

/** Embedded PGlite serves one process (and one connection): the registration is a row, through the pool. */
async function registerWithoutLock(db: Kysely<DB>, role: string): Promise<ClaimOwner> {
  const id = `${role}-${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`;
  await sql`INSERT INTO claim_owners (id, role, host, pid, postmaster_started_at) VALUES (${id}, ${role}, ${hostname()}, ${process.pid}, pg_postmaster_start_time())`.execute(db);
  return {
    id: () => id,
    async stop() {
      await db.deleteFrom('claimOwners').where('id', '=', id).execute();
    },
  };
}
