import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/adapters/db/createDatabase';
import { applyCollectionsEffect } from '../../../src/collections/applyCollectionsEffect';
import { createCollectionsFactsProvider } from '../../../src/collections/createCollectionsFactsProvider';
import { importPortfolio } from '../../../src/collections/importPortfolio';
import { createInboxWorker } from '../../../src/pipeline/process/createInboxWorker';
import { createRulesInterpreter } from '../../../src/pipeline/process/createRulesInterpreter';
import { enqueueInbound } from '../../../src/pipeline/receive/enqueueInbound';
import { createPipelineHarness } from '../../helpers/createPipelineHarness';
import type { PipelineHarness } from '../../helpers/createPipelineHarness';
import { createTestDatabase } from '../../helpers/testDatabase';
import { loadShippedPolicies, portfolioCsv } from '../collections/support';

/**
 * A WhatsApp media-only message (a photo, no text) is a real message: stored, and answered in the debtor's language
 * that only text is read. A stored inbox row whose processing keeps throwing is given up on visibly (failed, audited
 * on the conversation), never silently.
 */
let database: Database;
let harness: PipelineHarness;
const phones = { es: '+573001130001', en: '+12125551301', failing: '+573001130002' };

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await createPipelineHarness(database);
  const csv = portfolioCsv(
    { external_id: 'MEDIA-ES', account_id: 'MEDIA-A-ES', phone: phones.es },
    { external_id: 'MEDIA-EN', account_id: 'MEDIA-A-EN', phone: phones.en, country: 'US', locale: 'en-US', currency: 'USD' },
    { external_id: 'MEDIA-FAIL', account_id: 'MEDIA-A-FAIL', phone: phones.failing },
  );
  const imported = await importPortfolio(database.db, csv, { now: harness.deps.clock.now() });
  expect(imported.ok).toBe(true);
});
afterAll(async () => {
  await database.close();
});

const repliesTo = async (address: string) =>
  (await database.db.selectFrom('outbox').select(['template', 'body']).where('toAddress', '=', address).orderBy('position').execute());

describe('a media-only message', () => {
  it('is stored and answered in the debtor\'s language that only text is read; the flow does not step', async () => {
    const facts = createCollectionsFactsProvider({ policies: await loadShippedPolicies(), clock: harness.deps.clock });
    const worker = createInboxWorker({ ...harness.deps, facts, domainEffects: applyCollectionsEffect });
    for (const [n, to] of [phones.es, phones.en].entries()) {
      await enqueueInbound(database.db, { channel: 'whatsapp', providerMessageId: `MEDIA-${n}`, from: to, body: '', receivedAt: harness.deps.clock.now(), payload: { numMedia: 1 } });
    }
    await worker.drainOnce();
    expect(await repliesTo(phones.es)).toEqual([{ template: 'media_not_read', body: 'Por ahora solo puedo leer mensajes de texto. ¿Me lo escribes, por favor?' }]);
    expect(await repliesTo(phones.en)).toEqual([{ template: 'media_not_read', body: 'For now I can only read text messages. Could you write it to me, please?' }]);
    const stored = await database.db.selectFrom('messages').innerJoin('conversations', 'conversations.id', 'messages.conversationId')
      .select(['messages.body', 'messages.direction']).where('conversations.address', '=', phones.es).where('messages.direction', '=', 'in').execute();
    expect(stored).toEqual([{ body: '', direction: 'in' }]);

    // The next text message starts the conversation as usual.
    await enqueueInbound(database.db, { channel: 'whatsapp', providerMessageId: 'MEDIA-2', from: phones.es, body: 'hola', receivedAt: harness.deps.clock.now() });
    await worker.drainOnce();
    expect((await repliesTo(phones.es)).map((r) => r.template)).toEqual(['media_not_read', 'greeting', 'ask_identifier']);
  });
});

describe('an inbox row whose processing throws', () => {
  it('is retried, then marked failed and audited on the open conversation, not lost silently', async () => {
    const facts = createCollectionsFactsProvider({ policies: await loadShippedPolicies(), clock: harness.deps.clock });
    const rules = createRulesInterpreter();
    const interpret: typeof rules = async (text, ctx, opts) => {
      if (text.includes('boom')) throw new Error('interpreter bug');
      return rules(text, ctx, opts);
    };
    const worker = createInboxWorker({ ...harness.deps, interpret, facts, domainEffects: applyCollectionsEffect, maxAttempts: 2, retryBackoffMs: 1_000 });
    await enqueueInbound(database.db, { channel: 'whatsapp', providerMessageId: 'FAIL-0', from: phones.failing, body: 'hola', receivedAt: harness.deps.clock.now() });
    await worker.drainOnce();
    await enqueueInbound(database.db, { channel: 'whatsapp', providerMessageId: 'FAIL-1', from: phones.failing, body: 'boom', receivedAt: harness.deps.clock.now() });
    await worker.drainOnce();
    harness.deps.clock.advance(1_000);
    await worker.drainOnce();
    const row = await database.db.selectFrom('inbox').select(['id', 'status', 'errorCode', 'attempts']).where('providerMessageId', '=', 'FAIL-1').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'failed', errorCode: 'PIPELINE.PROCESSING_FAILED', attempts: 2 });
    const conversation = await database.db.selectFrom('conversations').select('id').where('address', '=', phones.failing).executeTakeFirstOrThrow();
    const audit = await database.db.selectFrom('auditEvents').select(['data', 'conversationId']).where('code', '=', 'PIPELINE.INBOX_FAILED').execute();
    expect(audit).toEqual([{ conversationId: conversation.id, data: { inboxId: row.id, channel: 'whatsapp', kind: 'message', attempts: 2, errorCode: 'PIPELINE.PROCESSING_FAILED' } }]);
  });
});
