import { sql } from 'kysely';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../../src/adapters/db/createDatabase';
import type { Database } from '../../../src/adapters/db/createDatabase';
import type { NluContext } from '../../../src/core/nlu/types';
import { createInboxWorker } from '../../../src/pipeline/process/createInboxWorker';
import { createRulesInterpreter } from '../../../src/pipeline/process/createRulesInterpreter';
import { enqueueInbound } from '../../../src/pipeline/receive/enqueueInbound';
import type { Interpreter } from '../../../src/ports/interpreter';
import { createPipelineHarness } from '../../helpers/createPipelineHarness';
import type { PipelineHarness } from '../../helpers/createPipelineHarness';
import { listAddressMessages } from '../../helpers/listAddressMessages';
import { createTestDatabase, hasRealPostgres } from '../../helpers/testDatabase';

let database: Database & { url?: string };
let harness: PipelineHarness;

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await createPipelineHarness(database);
});
afterAll(async () => {
  await database.close();
});

const SCRIPT = ['hola', '1234', 'cuál es mi saldo', 'gracias'];
/** SCRIPT as stored: the verification answer masked. */
const STORED = ['hola', '••••', 'cuál es mi saldo', 'gracias'];
const rules = createRulesInterpreter();

/** Enqueues SCRIPT for every address, interleaved round by round (a, b, c, a, b, c …). */
async function enqueueInterleaved(addresses: readonly string[], tag: string): Promise<void> {
  for (const [n, body] of SCRIPT.entries()) {
    for (const from of addresses) await enqueueInbound(database.db, { channel: 'whatsapp', providerMessageId: `${tag}-${from}-${n}`, from, body, receivedAt: new Date() });
  }
}

async function expectEachProcessedOnceInOrder(addresses: readonly string[]): Promise<void> {
  const inbox = await database.db.selectFrom('inbox').select(['status', 'attempts']).where('fromAddress', 'in', [...addresses]).execute();
  expect(inbox).toHaveLength(addresses.length * SCRIPT.length);
  expect(inbox.every((r) => r.status === 'done' && r.attempts === 1)).toBe(true);
  for (const address of addresses) {
    const rows = await listAddressMessages(database.db, address);
    expect(rows.filter((m) => m.direction === 'in').map((m) => m.body)).toEqual(STORED);
    // Each answer follows its question: verified after 1234, the balance after the question, goodbye last.
    const templates = rows.map((m) => (m.direction === 'in' ? `in:${m.body}` : m.template));
    expect(templates.indexOf('verified')).toBeGreaterThan(templates.indexOf('in:••••'));
    expect(templates.indexOf('balance')).toBeGreaterThan(templates.indexOf('in:cuál es mi saldo'));
    expect(templates.at(-1)).toBe('goodbye');
  }
  const dupes = await sql<{ n: number }>`select count(*)::int as n from (select inbox_id, seq from outbox group by 1, 2 having count(*) > 1) d`.execute(database.db);
  expect(dupes.rows[0]?.n).toBe(0);
}

describe('batch claiming', () => {
  it('processes interleaved conversations once each, in order, with batches cut mid-conversation', async () => {
    const addresses = Array.from({ length: 5 }, (_, i) => `+573600000${String(i).padStart(3, '0')}`);
    for (const address of addresses) await harness.addDebtor('co_maria', 'whatsapp', address);
    await enqueueInterleaved(addresses, 'one');
    const worker = createInboxWorker({ ...harness.deps, concurrency: 3, batchSize: 7 });
    expect(await worker.drainOnce()).toBe(addresses.length * SCRIPT.length);
    await expectEachProcessedOnceInOrder(addresses);
  }, 60_000);

  it('keeps that with two workers on separate pools racing for the same rows', async (ctx) => {
    if (!hasRealPostgres()) ctx.skip('needs PostgreSQL (set DATABASE_URL): PGlite runs one transaction at a time');
    const second = await createDatabase({ databaseUrl: database.url, dataDir: 'memory://', logger: pino({ level: 'silent' }), poolMax: 4 });
    try {
      const addresses = Array.from({ length: 12 }, (_, i) => `+573700000${String(i).padStart(3, '0')}`);
      for (const address of addresses) await harness.addDebtor('co_maria', 'whatsapp', address);
      await enqueueInterleaved(addresses, 'two');
      const a = createInboxWorker({ ...harness.deps, concurrency: 3, batchSize: 5 });
      const b = createInboxWorker({ ...harness.deps, db: second.db, concurrency: 3, batchSize: 9 });
      const [na, nb] = await Promise.all([a.drainOnce(), b.drainOnce()]);
      expect(na + nb).toBe(addresses.length * SCRIPT.length);
      await expectEachProcessedOnceInOrder(addresses);
    } finally {
      await second.close();
    }
  }, 120_000);
});

describe('interpretation outside the transaction', () => {
  /** An interpreter that records each call and runs `meanwhile` once, when it first sees `trigger`. */
  function racingInterpreter(trigger: string, meanwhile: () => Promise<void>): { interpret: Interpreter; calls: Array<{ text: string; ctx: NluContext }> } {
    const calls: Array<{ text: string; ctx: NluContext }> = [];
    let fired = false;
    const interpret: Interpreter = async (text, ctx) => {
      calls.push({ text, ctx });
      if (text === trigger && !fired) {
        fired = true;
        await meanwhile();
      }
      return rules(text, ctx);
    };
    return { interpret, calls };
  }

  async function conversationOf(address: string) {
    return database.db.selectFrom('conversations').selectAll().where('address', '=', address).executeTakeFirstOrThrow();
  }

  it('re-interprets against the new state when the conversation changed between interpreting and locking', async () => {
    const [verified, racing] = ['+573800000001', '+573800000002'];
    for (const address of [verified, racing]) await harness.addDebtor('co_maria', 'whatsapp', address);
    for (const [n, body] of ['hola', '1234'].entries()) await enqueueInbound(database.db, { channel: 'whatsapp', providerMessageId: `race-v-${n}`, from: verified, body, receivedAt: new Date() });
    await enqueueInbound(database.db, { channel: 'whatsapp', providerMessageId: 'race-r-0', from: racing, body: 'hola', receivedAt: new Date() });
    await createInboxWorker(harness.deps).drainOnce();
    // `racing` asks for its balance while it is still asked for its document; meanwhile another process moves it
    // to the verified menu (here: the session of `verified`, written straight into its row).
    const { interpret, calls } = racingInterpreter('cuál es mi saldo', async () => {
      const menu = await conversationOf(verified);
      await database.db.updateTable('conversations').set({ session: JSON.stringify(menu.session), state: menu.state }).where('address', '=', racing).execute();
    });
    await enqueueInbound(database.db, { channel: 'whatsapp', providerMessageId: 'race-r-1', from: racing, body: 'cuál es mi saldo', receivedAt: new Date() });
    expect(await createInboxWorker({ ...harness.deps, interpret }).drainOnce()).toBe(1);

    expect(calls.map((c) => c.ctx.expected?.entity ?? null)).toEqual(['identifier', null]); // asked, then menu
    const conversation = await conversationOf(racing);
    const replies = await database.db.selectFrom('messages').select('template').where('conversationId', '=', conversation.id).where('direction', '=', 'out').orderBy('position').execute();
    expect(replies.map((r) => r.template)).toContain('balance');
    const audit = await database.db.selectFrom('auditEvents').select('data').where('conversationId', '=', conversation.id).where('code', '=', 'NLU.INTERPRETED').orderBy('seq').execute();
    expect(audit.map((a) => a.data.reinterpreted ?? false)).toEqual([false, true]);
  }, 60_000);

  it('stays silent when a person took the conversation over while the message was being interpreted', async () => {
    const address = '+573800000003';
    await harness.addDebtor('co_maria', 'whatsapp', address);
    await enqueueInbound(database.db, { channel: 'whatsapp', providerMessageId: 'race-h-0', from: address, body: 'hola', receivedAt: new Date() });
    await createInboxWorker(harness.deps).drainOnce();
    const { interpret } = racingInterpreter('1234', async () => {
      await database.db.updateTable('conversations').set({ handoff: true }).where('address', '=', address).execute();
    });
    await enqueueInbound(database.db, { channel: 'whatsapp', providerMessageId: 'race-h-1', from: address, body: '1234', receivedAt: new Date() });
    expect(await createInboxWorker({ ...harness.deps, interpret }).drainOnce()).toBe(1);
    const conversation = await conversationOf(address);
    expect(conversation.handoff).toBe(true);
    const messages = await database.db.selectFrom('messages').select(['direction', 'template']).where('conversationId', '=', conversation.id).orderBy('position').execute();
    expect(messages.map((m) => m.template ?? m.direction)).toEqual(['in', 'greeting', 'ask_identifier', 'in']);
    const codes = await database.db.selectFrom('auditEvents').select('code').where('conversationId', '=', conversation.id).execute();
    expect(codes.map((c) => c.code)).toContain('PIPELINE.HANDOFF_SILENT');
  }, 60_000);
});
