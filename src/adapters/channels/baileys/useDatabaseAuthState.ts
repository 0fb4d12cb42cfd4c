import { BufferJSON, initAuthCreds, proto } from '@whiskeysockets/baileys';
import type { AuthenticationCreds, AuthenticationState, SignalDataSet, SignalDataTypeMap } from '@whiskeysockets/baileys';
import { sql } from 'kysely';
import type { ColumnType, Kysely } from 'kysely';
import type { DB } from '../../db/schema';

/** Row of baileys_auth (migration 0100_baileys_auth). `value` is read back as JSON text, see readValue. */
interface BaileysAuthTable {
  session: string;
  category: string;
  keyId: string;
  value: string;
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
}

type AuthDb = Kysely<DB & { baileysAuth: BaileysAuthTable }>;

/** The creds document is one row of its own category; signal keys use their Baileys category names. */
const CREDS_CATEGORY = 'creds';
const CREDS_ID = 'creds';

export interface DatabaseAuthState {
  /** Pass to makeWASocket({ auth }). */
  state: AuthenticationState;
  /** Persists the current creds; call on every 'creds.update'. */
  saveCreds(): Promise<void>;
  /** Deletes the creds and every key of this session (after a logout): the next start shows a new QR. */
  clear(): Promise<void>;
}

/**
 * The database equivalent of Baileys' useMultiFileAuthState: loads the creds of `sessionName` (or fresh ones) and
 * returns a key store reading and writing table baileys_auth. Values are JSON written with BufferJSON.replacer so
 * Buffers round-trip. Every write is one transaction, and writes of one session run one after another so an older
 * creds snapshot never lands after a newer one. Does database I/O.
 */
export async function useDatabaseAuthState(db: Kysely<DB>, sessionName: string): Promise<DatabaseAuthState> {
  const authDb: AuthDb = db.withTables<{ baileysAuth: BaileysAuthTable }>();
  const serially = createWriteQueue();

  const storedCreds = await readValues(authDb, sessionName, CREDS_CATEGORY, [CREDS_ID]);
  // Our own rows, written by saveCreds from a Baileys AuthenticationCreds; Baileys owns the shape.
  const creds: AuthenticationCreds = storedCreds.get(CREDS_ID) ?? initAuthCreds();

  const state: AuthenticationState = {
    creds,
    keys: {
      async get<T extends keyof SignalDataTypeMap>(type: T, ids: string[]) {
        const found: { [id: string]: SignalDataTypeMap[T] } = {};
        const values = await readValues(authDb, sessionName, type, ids);
        for (const [id, stored] of values) {
          // Same revival as useMultiFileAuthState: this category is a protobuf object, not a plain one.
          found[id] = type === 'app-state-sync-key' ? proto.Message.AppStateSyncKeyData.fromObject(stored) : stored;
        }
        return found;
      },
      set: (data: SignalDataSet) => serially(() => writeKeys(authDb, sessionName, data)),
    },
  };

  return {
    state,
    saveCreds: () =>
      serially(async () => {
        await authDb.transaction().execute(async (trx) => {
          await upsertRows(trx, sessionName, [{ category: CREDS_CATEGORY, keyId: CREDS_ID, value: serialize(creds) }]);
        });
      }),
    clear: () =>
      serially(async () => {
        await authDb.deleteFrom('baileysAuth').where('session', '=', sessionName).execute();
      }),
  };
}

/** Reads the stored values of `ids` in one category; missing ids are simply absent from the map. */
async function readValues(authDb: AuthDb, session: string, category: string, ids: string[]) {
  // Values are Baileys' own structures, revived from our own JSON; they are not user input.
  const values = new Map<string, ReturnType<typeof JSON.parse>>();
  if (ids.length === 0) return values;
  const rows = await authDb
    .selectFrom('baileysAuth')
    .select(['keyId', sql<string>`value::text`.as('value')])
    .where('session', '=', session)
    .where('category', '=', category)
    .where('keyId', 'in', ids)
    .execute();
  for (const row of rows) values.set(row.keyId, JSON.parse(row.value, BufferJSON.reviver));
  return values;
}

/** Applies one SignalDataSet in a transaction: non-null values are upserted, null values deleted. */
async function writeKeys(authDb: AuthDb, session: string, data: SignalDataSet): Promise<void> {
  const upserts: Array<{ category: string; keyId: string; value: string }> = [];
  const deletes: Array<{ category: string; keyId: string }> = [];
  for (const [category, entries] of Object.entries(data)) {
    for (const [keyId, value] of Object.entries(entries ?? {})) {
      if (value) upserts.push({ category, keyId, value: serialize(value) });
      else deletes.push({ category, keyId });
    }
  }
  if (upserts.length === 0 && deletes.length === 0) return;
  await authDb.transaction().execute(async (trx) => {
    await upsertRows(trx, session, upserts);
    for (const { category, keyId } of deletes) {
      await trx
        .deleteFrom('baileysAuth')
        .where('session', '=', session)
        .where('category', '=', category)
        .where('keyId', '=', keyId)
        .execute();
    }
  });
}

async function upsertRows(
  trx: AuthDb,
  session: string,
  rows: Array<{ category: string; keyId: string; value: string }>,
): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto('baileysAuth')
    .values(rows.map((row) => ({ session, ...row })))
    .onConflict((oc) =>
      oc.columns(['session', 'category', 'keyId']).doUpdateSet({
        value: (eb) => eb.ref('excluded.value'),
        updatedAt: sql`now()`,
      }),
    )
    .execute();
}

function serialize(value: unknown): string {
  return JSON.stringify(value, BufferJSON.replacer);
}

/** Runs async writes one at a time, in call order; a failed write rejects its caller but not later writes. */
function createWriteQueue(): (work: () => Promise<void>) => Promise<void> {
  let tail: Promise<void> = Promise.resolve();
  return (work) => {
    const run = tail.then(work);
    tail = run.catch(() => undefined);
    return run;
  };
}
