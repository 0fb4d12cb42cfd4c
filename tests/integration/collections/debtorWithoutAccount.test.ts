import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/adapters/db/createDatabase';
import { upsertDebtor } from '../../../src/adapters/db/repositories/upsertDebtor';
import { createCollectionsFactsProvider } from '../../../src/collections/createCollectionsFactsProvider';
import { createTestFacts, FIXTURE_NOW } from '../../../src/demo/createTestFacts';
import { createInboxWorker } from '../../../src/pipeline/process/createInboxWorker';
import { enqueueInbound } from '../../../src/pipeline/receive/enqueueInbound';
import { createPipelineHarness } from '../../helpers/createPipelineHarness';
import type { PipelineHarness } from '../../helpers/createPipelineHarness';
import { createTestDatabase } from '../../helpers/testDatabase';
import { loadShippedPolicies } from './support';

/**
 * A debtor who exists but has no account (created by hand, or whose accounts were never imported) writes in through
 * the real pipeline with the production facts provider. Their profile holds complete collections facts, the shape
 * the removed profile stopgap used to serve: none of it may be said. The provider gives only the debtor section and
 * `factsError: 'FACTS.NO_ACCOUNT'`, so the flow greets by first name, says a person will write (no debt, no blank
 * template variable), hands off (reason facts_unavailable) and stays silent afterwards; it never tries to verify.
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
  it('is greeted, told a person will write, and handed off without a word about any debt', async () => {
    const facts = createCollectionsFactsProvider({ policies: await loadShippedPolicies(), clock: harness.deps.clock });
    const worker = createInboxWorker({ ...harness.deps, facts });
    const says = ['hola', '1234', 'cuánto debo', 'quiero pagar'];
    for (const [i, body] of says.entries()) {
      await enqueueInbound(database.db, { channel: 'whatsapp', providerMessageId: `NA-${i}`, from: phone, body, receivedAt: FIXTURE_NOW });
      expect(await worker.drainOnce()).toBe(1);
    }

    const inbox = await database.db.selectFrom('inbox').select(['status', 'errorCode']).where('fromAddress', '=', phone).execute();
    expect(inbox).toEqual(says.map(() => ({ status: 'done', errorCode: null })));
    const conversation = await database.db.selectFrom('conversations').select(['id', 'debtorId', 'handoff', 'status', 'state']).where('address', '=', phone).executeTakeFirstOrThrow();
    expect(conversation).toMatchObject({ handoff: true, status: 'active', state: 'with_agent' });
    expect(conversation.debtorId).not.toBeNull();

    // The greeting and the neutral notice, once; nothing for the later messages (a person has the conversation).
    const replies = await database.db.selectFrom('messages').select(['body', 'template']).where('conversationId', '=', conversation.id).where('direction', '=', 'out').orderBy('position').execute();
    expect(replies.map((r) => r.template)).toEqual(['greeting', 'facts_unavailable']);
    expect(replies[0]?.body).toContain('María');
    expect(replies[1]?.body).toBe('Una persona de nuestro equipo te escribirá por este mismo chat para ayudarte.');
    for (const { body } of replies) {
      // Neither the profile's balance (1.250.000 COP), its creditor, product, any amount or date, nor a blank slot.
      expect(body).not.toMatch(/Banco Andino|Tarjeta|saldo|deuda|intentos|1[.,]?250|\$|\d/i);
      expect(body).not.toMatch(/ {2}| [.,]/);
    }

    const audits = await database.db.selectFrom('auditEvents').select(['code', 'data']).where('conversationId', '=', conversation.id).orderBy('seq').execute();
    const codes = audits.map((a) => a.code);
    expect(audits).toContainEqual({ code: 'CONVERSATION.HANDOFF', data: { reason: 'facts_unavailable' } });
    expect(audits.find((a) => a.code === 'COLLECTIONS.FACTS_UNAVAILABLE')?.data).toMatchObject({ factsError: 'FACTS.NO_ACCOUNT' });
    expect(codes.filter((c) => c === 'PIPELINE.HANDOFF_SILENT')).toHaveLength(says.length - 1);
    // '1234' is the document in the profile: it is never checked, and nothing is rendered with a missing variable.
    expect(codes).not.toContain('VERIFICATION.NOT_CHECKED');
    expect(codes).not.toContain('VERIFICATION.PASSED');
    expect(codes).not.toContain('TEMPLATE.MISSING_VARIABLE');
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
