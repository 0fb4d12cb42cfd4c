import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/adapters/db/createDatabase';
import { createInboundBatcher } from '../../../src/pipeline/receive/createInboundBatcher';
import { enqueueInbound } from '../../../src/pipeline/receive/enqueueInbound';
import type { InboundMessage } from '../../../src/pipeline/receive/inboundMessage';
import { countStatements } from '../../helpers/countStatements';
import { createTestDatabase } from '../../helpers/testDatabase';

let database: Database;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const countingDb = () => countStatements(database.db);

const message = (id: string, from: string, body = 'hola'): InboundMessage => ({ channel: 'whatsapp', providerMessageId: id, from, body, receivedAt: new Date() });

describe('inbound batcher', () => {
  it('stores 60 concurrent webhooks in a few statements, in arrival order, each resolved with its own row', async () => {
    const { db, counts } = countingDb();
    const batcher = createInboundBatcher(db);
    const messages = Array.from({ length: 60 }, (_, i) => message(`batch-${i}`, `+5731000000${i % 3}`, `m${i}`));
    const stored = await Promise.all(messages.map((m) => batcher.enqueue(m)));
    expect(stored.every((s) => s.inserted)).toBe(true);
    expect(new Set(stored.map((s) => s.inboxId)).size).toBe(60);
    expect(counts.statements).toBeLessThanOrEqual(3); // the first alone, then everything that queued behind it
    const rows = await database.db.selectFrom('inbox').select(['id', 'body', 'seq', 'receivedAt', 'fromAddress', 'kind', 'status']).where('providerMessageId', 'like', 'batch-%').orderBy('seq').execute();
    expect(rows.map((r) => r.body)).toEqual(messages.map((m) => m.body));
    expect(rows.map((r) => [r.receivedAt.getTime(), r.fromAddress, r.kind, r.status])).toEqual(messages.map((m) => [m.receivedAt.getTime(), m.from, 'message', 'pending']));
    expect(rows.map((r) => r.id)).toEqual(stored.map((s) => s.inboxId));
  });

  it('answers a redelivery, in the same batch or of a stored message, with the stored row and inserted=false', async () => {
    const earlier = await enqueueInbound(database.db, message('dup-old', '+573100000010'));
    const batcher = createInboundBatcher(database.db);
    const [first, again, old, other] = await Promise.all([
      batcher.enqueue(message('dup-new', '+573100000011')),
      batcher.enqueue(message('dup-new', '+573100000011')),
      batcher.enqueue(message('dup-old', '+573100000010')),
      batcher.enqueue(message('dup-other', '+573100000012')),
    ]);
    expect(first).toEqual({ inserted: true, inboxId: expect.any(String) });
    expect(again).toEqual({ inserted: false, inboxId: first?.inboxId });
    expect(old).toEqual({ inserted: false, inboxId: earlier.inboxId });
    expect(other?.inserted).toBe(true);
    const count = await database.db.selectFrom('inbox').select((eb) => eb.fn.countAll<string>().as('n')).where('providerMessageId', 'in', ['dup-new', 'dup-old', 'dup-other']).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(3);
  });

  it('fails only the malformed message of a batch; the others are stored', async () => {
    const batcher = createInboundBatcher(database.db);
    const results = await Promise.allSettled([
      batcher.enqueue(message('bad-0', '+573100000020')),
      batcher.enqueue(message('bad-1', '+573100000021')),
      batcher.enqueue({ ...message('bad-2', '+573100000022'), body: 'x'.repeat(20_000) }),
      batcher.enqueue(message('bad-3', '+573100000023')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    const stored = await database.db.selectFrom('inbox').select('providerMessageId').where('providerMessageId', 'like', 'bad-%').orderBy('seq').execute();
    expect(stored.map((r) => r.providerMessageId)).toEqual(['bad-0', 'bad-1', 'bad-3']);
  });
});
