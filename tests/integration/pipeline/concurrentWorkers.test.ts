import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../../src/adapters/db/createDatabase';
import type { Database } from '../../../src/adapters/db/createDatabase';
import { createInboxWorker } from '../../../src/pipeline/process/createInboxWorker';
import { enqueueInbound } from '../../../src/pipeline/receive/enqueueInbound';
import { createPipelineHarness } from '../../helpers/createPipelineHarness';
import type { PipelineHarness } from '../../helpers/createPipelineHarness';
import { listAddressMessages } from '../../helpers/listAddressMessages';
import { createTestDatabase, hasRealPostgres } from '../../helpers/testDatabase';

let database: Database;
let harness: PipelineHarness;

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await createPipelineHarness(database);
});
afterAll(async () => {
  await database.close();
});

const SCRIPT = ['hola', '1234', 'cuál es mi saldo', 'cuánto debo', 'gracias'];

describe('two worker instances on one database', () => {
  it('keep per-conversation order and process each inbox row once', async (ctx) => {
    if (!hasRealPostgres()) ctx.skip('needs PostgreSQL (set DATABASE_URL): PGlite runs one transaction at a time, so two pools would only take turns');
    const second = await createDatabase({ databaseUrl: database.url, dataDir: 'memory://', logger: pino({ level: 'silent' }), poolMax: 4 });
    try {
      const addresses = Array.from({ length: 8 }, (_, i) => `+5735000000${String(i).padStart(2, '0')}`);
      for (const address of addresses) await harness.addDebtor('co_maria', 'whatsapp', address);
      for (const [n, text] of SCRIPT.entries()) {
        for (const address of addresses) {
          await enqueueInbound(database.db, { channel: 'whatsapp', providerMessageId: `${address}-${n}`, from: address, body: text, receivedAt: new Date() });
        }
      }
      const workerA = createInboxWorker({ ...harness.deps, concurrency: 4 });
      const workerB = createInboxWorker({ ...harness.deps, db: second.db, concurrency: 4 });
      const [a, b] = await Promise.all([workerA.drainOnce(), workerB.drainOnce()]);
      expect(a + b).toBe(addresses.length * SCRIPT.length);

      const inbox = await database.db.selectFrom('inbox').select(['status', 'attempts']).where('fromAddress', 'in', addresses).execute();
      expect(inbox.every((r) => r.status === 'done' && r.attempts === 1)).toBe(true);
      for (const address of addresses) {
        const messages = await listAddressMessages(database.db, address);
        // The verification answer is stored masked.
        expect(messages.filter((m) => m.direction === 'in').map((m) => m.body)).toEqual(SCRIPT.map((t) => (t === '1234' ? '••••' : t)));
        expect(messages.filter((m) => m.template === 'balance')).toHaveLength(2);
        const conversations = await database.db.selectFrom('conversations').select('state').where('address', '=', address).execute();
        expect(conversations).toEqual([{ state: 'goodbye' }]); // 'gracias' last, after two balance answers
      }
      const dupes = await database.db
        .selectFrom('outbox')
        .select(['inboxId', 'seq'])
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .groupBy(['inboxId', 'seq'])
        .having((eb) => eb.fn.countAll(), '>', 1)
        .execute();
      expect(dupes).toEqual([]);
    } finally {
      await second.close();
    }
  }, 120_000);
});
