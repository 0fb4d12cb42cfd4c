import type { Kysely } from 'kysely';
import { registerClaimOwner } from '../adapters/db/registerClaimOwner';
import type { DB } from '../adapters/db/schema';
import type { Logger } from '../observability/createLogger';
import type { Clock } from '../ports/clock';
import { createPollingLoop } from './createPollingLoop';
import { reclaimDeadClaims } from './reclaimDeadClaims';

export interface ClaimOwnership {
  /** The owner id to record on claims (undefined while this process is not registered). */
  owner(): string | undefined;
  stop(): Promise<void>;
}

/**
 * Registers this process as a claim owner (registerClaimOwner), frees the claims of dead owners right away (a
 * restarted process takes back its previous instance's work at once), then keeps checking every `intervalMs` (a
 * process killed and not restarted is noticed by the others within that). `onReclaimed` wakes the loops that claim.
 * Does I/O.
 */
export async function startClaimOwnership(deps: {
  db: Kysely<DB>;
  database: { url: string; kind: 'postgres' | 'pglite' };
  role: string;
  clock: Clock;
  logger: Logger;
  onReclaimed: () => void;
  intervalMs?: number;
}): Promise<ClaimOwnership> {
  const registration = await registerClaimOwner({ db: deps.db, url: deps.database.url, kind: deps.database.kind, role: deps.role, logger: deps.logger });
  const reap = async (): Promise<number> => {
    const reaped = await reclaimDeadClaims(deps.db, { self: registration.id(), kind: deps.database.kind, now: deps.clock.now() });
    if (reaped.length > 0) {
      deps.logger.info({ code: 'CLAIMS.RECLAIMED', owners: reaped }, 'claims of dead processes freed');
      deps.onReclaimed();
    }
    return 0;
  };
  await reap().catch((err: unknown) => deps.logger.warn({ code: 'CLAIMS.RECLAIM_FAILED', err: err instanceof Error ? err.message : String(err) }, 'could not free dead claims'));
  const loop = createPollingLoop(reap, { intervalMs: deps.intervalMs ?? 2_000, logger: deps.logger, name: 'claims' });
  loop.start();
  return {
    owner: registration.id,
    async stop() {
      await loop.stop();
      await registration.stop();
    },
  };
}
