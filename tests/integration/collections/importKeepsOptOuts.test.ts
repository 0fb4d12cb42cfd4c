import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/adapters/db/createDatabase';
import { applyCollectionsEffect } from '../../../src/collections/applyCollectionsEffect';
import { createCollectionsFactsProvider } from '../../../src/collections/createCollectionsFactsProvider';
import { importPortfolio } from '../../../src/collections/importPortfolio';
import { DEMO_PORTFOLIO_URL, seedDemo } from '../../../src/collections/seedDemo';
import { createInboxWorker } from '../../../src/pipeline/process/createInboxWorker';
import { isOptedOut } from '../../../src/pipeline/process/isOptedOut';
import { enqueueInbound } from '../../../src/pipeline/receive/enqueueInbound';
import { createPipelineHarness } from '../../helpers/createPipelineHarness';
import type { PipelineHarness } from '../../helpers/createPipelineHarness';
import { createTestDatabase } from '../../helpers/testDatabase';
import { loadShippedPolicies, portfolioCsv } from './support';

/**
 * Issue 10, item 2: imports never undo opt-outs. Lucía sends STOP through the real pipeline; an import that gives her
 * phone to another debtor must keep it opted out, and re-importing Lucía's own unchanged row must not set consent
 * back, with a summary that says what happened. The person's opt-out (address_opt_outs, migration 0650) is never
 * written or deleted by an import, and a number that carries one gets no consent from a file.
 */
let database: Database;
let harness: PipelineHarness;
const lucia = '+34612345605';
const now = new Date('2026-11-23T15:00:00Z');
const noContactChanges = { moved: 0, removed: 0, consentWithdrawn: 0, consentNotRestored: 0, conversationsEnded: 0 };

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await createPipelineHarness(database);
  harness.deps.clock.set(now);
  await seedDemo(database.db, now);
}, 180_000);
afterAll(async () => {
  await database.close();
});

let seq = 0;
async function say(from: string, body: string): Promise<void> {
  seq += 1;
  const facts = createCollectionsFactsProvider({ policies: await loadShippedPolicies(), clock: harness.deps.clock });
  await enqueueInbound(database.db, { channel: 'whatsapp', providerMessageId: `OPT-${seq}`, from, body, receivedAt: harness.deps.clock.now() });
  await createInboxWorker({ ...harness.deps, facts, domainEffects: applyCollectionsEffect }).drainOnce();
}

const optOuts = () => database.db.selectFrom('addressOptOuts').selectAll().orderBy('channel').orderBy('address').execute();
const whatsappOf = (address: string) =>
  database.db
    .selectFrom('contactPoints')
    .innerJoin('debtors', 'debtors.id', 'contactPoints.debtorId')
    .select(['debtors.externalId', 'contactPoints.consent'])
    .where('contactPoints.channel', '=', 'whatsapp')
    .where('contactPoints.address', '=', address)
    .executeTakeFirstOrThrow();

describe('an import and a person who opted out', () => {
  it('keeps the opt-out when the phone moves to another debtor and back, and says so in the summary', async () => {
    await say(lucia, 'hola');
    await say(lucia, 'STOP');
    expect(await isOptedOut(database.db, { channel: 'whatsapp', toAddress: lucia })).toBe(true);
    const recorded = await optOuts();

    const moved = await importPortfolio(
      database.db,
      portfolioCsv({ external_id: 'ES-NEW-1', first_name: 'Marta', phone: lucia, country: 'ES', account_id: 'ES-NEW-1-A', currency: 'EUR', consent_whatsapp: 'true', consent_sms: 'true' }),
      { now, actor: 'test' },
    );
    expect(await whatsappOf(lucia)).toEqual({ externalId: 'ES-NEW-1', consent: false });
    expect(await isOptedOut(database.db, { channel: 'whatsapp', toAddress: lucia })).toBe(true);
    expect(moved.ok && moved.value).toMatchObject({ debtors: { created: 1 }, contacts: { ...noContactChanges, moved: 2, consentNotRestored: 2 } });

    // Lucía's own row, unchanged since the seed: her phone comes back, still opted out, and the summary says she changed.
    const again = await importPortfolio(database.db, await readFile(DEMO_PORTFOLIO_URL, 'utf8'), { now, actor: 'test' });
    expect(await whatsappOf(lucia)).toEqual({ externalId: 'demo-es-lucia', consent: false });
    expect(await isOptedOut(database.db, { channel: 'whatsapp', toAddress: lucia })).toBe(true);
    expect(again.ok && again.value).toMatchObject({ debtors: { created: 0, updated: 1, unchanged: 5 }, contacts: { ...noContactChanges, moved: 2, consentNotRestored: 2 } });
    expect(await optOuts()).toEqual(recorded);
  });

  it('never writes or deletes address_opt_outs, and gives no consent to a number that carries one', async () => {
    const number = '+34612000777';
    await database.db.insertInto('addressOptOuts').values({ channel: 'whatsapp', address: number, optedOutAt: now, source: 'conversation', conversationId: null }).execute();
    const before = await optOuts();
    const first = await importPortfolio(database.db, portfolioCsv({ external_id: 'ES-NEW-2', phone: number, country: 'ES', account_id: 'ES-NEW-2-A', currency: 'EUR' }), { now });
    expect(first.ok && first.value.contacts).toEqual({ ...noContactChanges, consentNotRestored: 1 });
    expect(await whatsappOf(number)).toEqual({ externalId: 'ES-NEW-2', consent: false });
    // The debtor's number changes: the old one is removed, the opt-out stays with the number.
    await importPortfolio(database.db, portfolioCsv({ external_id: 'ES-NEW-2', phone: '+34612000778', country: 'ES', account_id: 'ES-NEW-2-A', currency: 'EUR' }), { now });
    await importPortfolio(database.db, portfolioCsv({ external_id: 'ES-NEW-3', phone: number, country: 'ES', account_id: 'ES-NEW-3-A', currency: 'EUR' }), { now });
    expect(await whatsappOf(number)).toEqual({ externalId: 'ES-NEW-3', consent: false });
    expect(await optOuts()).toEqual(before);
  });
});
