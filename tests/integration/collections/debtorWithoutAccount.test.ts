import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/adapters/db/createDatabase';
import { upsertDebtor } from '../../../src/adapters/db/repositories/upsertDebtor';
import { createCollectionsFactsProvider } from '../../../src/collections/createCollectionsFactsProvider';
import { createTestFacts, FIXTURE_NOW } from '../../../src/demo/createTestFacts';
import { createInboxWorker } from '../../../src/pipeline/createInboxWorker';
import { enqueueInbound } from '../../../src/pipeline/enqueueInbound';
import { createPipelineHarness } from '../../helpers/createPipelineHarness';
import type { PipelineHarness } from '../../helpers/createPipelineHarness';
import { createTestDatabase } from '../../helpers/testDatabase';
import { loadShippedPolicies } from './support';

/**
 * A debtor who exists but has no account (created by hand, or whose accounts were never imported) writes in through
 * the real pipeline with the production facts provider. Their profile holds complete collections facts, the shape
 * the removed profile stopgap used to serve: none of it may be said. The provider gives only the debtor section and
 * `factsError: 'FACTS.NO_ACCOUNT'`, so the flow greets by first name, cannot verify (VERIFICATION.NOT_CHECKED) and
 * keeps asking for identity: replies and an audit code, never a crash or a debt detail.
 */
let database: Database;
let harness: PipelineHarness;
const phone = '+573005550101';

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await createPipelineHarness(database);
  harness.deps.clock.set(FIXTURE_NOW);
  const maria = createTestFacts().co_maria;
  if (!maria) throw new Error('no co_maria fixture');
  await upsertDebtor(database.db, {
    externalId: 'no-account-1', firstName: 'María', locale: 'es-CO', timezone: 'America/Bogota', country: 'CO',
    profile: { ...maria }, contactPoints: [{ channel: 'whatsapp', address: phone }],
  });
});
afterAll(async () => {
  await database.close();
});

describe('a debtor without an account', () => {
  it('gets safe replies and an audit code, never the debt stored in their profile', async () => {
    const facts = createCollectionsFactsProvider({ policies: await loadShippedPolicies(), clock: harness.deps.clock });
    const worker = createInboxWorker({ ...harness.deps, facts });
    const says = ['hola', '1234', 'cuánto debo', 'quiero pagar'];
    for (const [i, body] of says.entries()) {
      await enqueueInbound(database.db, { channel: 'whatsapp', providerMessageId: `NA-${i}`, from: phone, body, receivedAt: FIXTURE_NOW });
      expect(await worker.drainOnce()).toBe(1);
    }

    const inbox = await database.db.selectFrom('inbox').select(['status', 'errorCode']).where('fromAddress', '=', phone).execute();
    expect(inbox).toEqual(says.map(() => ({ status: 'done', errorCode: null })));
    const conversation = await database.db.selectFrom('conversations').select(['id', 'debtorId']).where('address', '=', phone).executeTakeFirstOrThrow();
    expect(conversation.debtorId).not.toBeNull();
    const replies = await database.db.selectFrom('messages').select('body').where('conversationId', '=', conversation.id).where('direction', '=', 'out').execute();
    expect(replies.length).toBeGreaterThan(0);
    for (const { body } of replies) {
      // Neither the profile's balance (1.250.000 COP), its creditor, product nor any amount or date.
      expect(body).not.toMatch(/Banco Andino|Tarjeta|1[.,]?250|\$|\d{3}/i);
    }
    // '1234' is the document in the profile: with no account there is nothing to verify against, so it is never
    // checked (audited as such) and the debtor stays unverified, asked again, however often they answer.
    const audits = (await database.db.selectFrom('auditEvents').select('code').where('conversationId', '=', conversation.id).execute()).map((a) => a.code);
    expect(audits).toContain('VERIFICATION.NOT_CHECKED');
    expect(audits).not.toContain('VERIFICATION.PASSED');
  });

  it('is served by the facts provider as the debtor section and FACTS.NO_ACCOUNT, ignoring the profile', async () => {
    const facts = createCollectionsFactsProvider({ policies: await loadShippedPolicies(), clock: harness.deps.clock });
    const debtor = await database.db.selectFrom('debtors').select('id').where('externalId', '=', 'no-account-1').executeTakeFirstOrThrow();
    expect(await facts.loadFacts(database.db, debtor.id)).toEqual({
      debtor: { id: debtor.id, externalId: 'no-account-1', firstName: 'María', locale: 'es-CO', timeZone: 'America/Bogota', country: 'CO' },
      factsError: 'FACTS.NO_ACCOUNT',
    });
  });
});
