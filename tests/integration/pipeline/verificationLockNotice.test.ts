import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/adapters/db/createDatabase';
import { applyCollectionsEffect } from '../../../src/collections/applyCollectionsEffect';
import { createCollectionsFactsProvider } from '../../../src/collections/createCollectionsFactsProvider';
import { importPortfolio } from '../../../src/collections/importPortfolio';
import { createInboxWorker } from '../../../src/pipeline/process/createInboxWorker';
import { enqueueInbound } from '../../../src/pipeline/receive/enqueueInbound';
import { createOutboxSender } from '../../../src/pipeline/send/createOutboxSender';
import { createPipelineHarness } from '../../helpers/createPipelineHarness';
import type { PipelineHarness } from '../../helpers/createPipelineHarness';
import { createRecordingChannel } from '../../helpers/createRecordingChannel';
import { createTestDatabase } from '../../helpers/testDatabase';
import { loadShippedPolicies, portfolioCsv } from '../collections/support';

/**
 * A debtor locked out of verification by an earlier conversation writes again (real pipeline, collections facts):
 * one short lock notice for the lock period, never the greeting, then silence until the lock ends.
 */
let database: Database;
let harness: PipelineHarness;
const phone = '+573001120001';

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await createPipelineHarness(database);
  const imported = await importPortfolio(database.db, portfolioCsv({ external_id: 'LOCK-1', account_id: 'LOCK-A-1', phone }), { now: harness.deps.clock.now() });
  expect(imported.ok).toBe(true);
  const debtor = await database.db.selectFrom('debtors').select('id').where('externalId', '=', 'LOCK-1').executeTakeFirstOrThrow();
  await database.db.insertInto('verificationState').values({ debtorId: debtor.id, attempts: 3, lockedUntil: new Date(harness.deps.clock.now().getTime() + 30 * 60_000) }).execute();
});
afterAll(async () => {
  await database.close();
});

describe('a debtor locked out of verification', () => {
  it('gets the lock notice once per lock period and never the greeting again', async () => {
    const facts = createCollectionsFactsProvider({ policies: await loadShippedPolicies(), clock: harness.deps.clock });
    const worker = createInboxWorker({ ...harness.deps, facts, domainEffects: applyCollectionsEffect });
    const whatsapp = createRecordingChannel('whatsapp');
    const sender = createOutboxSender({ ...harness.deps, channels: { whatsapp }, ratePerSecond: 1_000 });
    const say = async (id: string, body: string) => {
      await enqueueInbound(database.db, { channel: 'whatsapp', providerMessageId: id, from: phone, body, receivedAt: harness.deps.clock.now() });
      await worker.drainOnce();
      await sender.drainOnce();
    };
    for (const [i, body] of ['hola', 'hola?', '1234'].entries()) await say(`LOCK-${i}`, body);
    expect(whatsapp.sent.map((m) => m.body)).toEqual(['Una persona de nuestro equipo revisará tu caso y te contactará para ayudarte a verificar tu identidad.']);

    harness.deps.clock.advance(31 * 60_000); // the lock ends: the next message is asked for the answer, still no greeting
    await say('LOCK-3', 'hola');
    expect(whatsapp.sent.map((m) => m.body).slice(1)).toEqual([expect.stringMatching(/^Para proteger tu información/)]);
    expect(whatsapp.sent.some((m) => m.body.startsWith('Hola'))).toBe(false);
  });
});
