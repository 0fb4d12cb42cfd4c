import request from 'supertest';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/adapters/db/createDatabase';
import { migration0740MaskedVerificationAnswers } from '../../../src/adapters/db/migrations/0740_masked_verification_answers';
import { applyCollectionsEffect } from '../../../src/collections/applyCollectionsEffect';
import { createCollectionsFactsProvider } from '../../../src/collections/createCollectionsFactsProvider';
import { importPortfolio } from '../../../src/collections/importPortfolio';
import { createApp } from '../../../src/http/createApp';
import { createMetrics } from '../../../src/observability/createMetrics';
import { createInboxWorker } from '../../../src/pipeline/process/createInboxWorker';
import { enqueueInbound } from '../../../src/pipeline/receive/enqueueInbound';
import { createPipelineHarness } from '../../helpers/createPipelineHarness';
import type { PipelineHarness } from '../../helpers/createPipelineHarness';
import { createTestDatabase } from '../../helpers/testDatabase';
import { loadShippedPolicies, portfolioCsv } from '../collections/support';

/**
 * What a debtor types to verify (document digits, a birth date) is stored masked in messages and, once processed, in
 * the inbox; every transcript reader (GET /api/conversations/:id) sees it masked. Answers stored before are masked by
 * migration 0740.
 */
let database: Database;
let harness: PipelineHarness;
const phone = '+573001140001';
const viewer = 'viewer-token-0123456789';

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await createPipelineHarness(database);
  const imported = await importPortfolio(database.db, portfolioCsv({ external_id: 'MASK-1', account_id: 'MASK-A-1', phone }), { now: harness.deps.clock.now() });
  expect(imported.ok).toBe(true);
});
afterAll(async () => {
  await database.close();
});

describe('verification answers', () => {
  it('are stored masked and shown masked in the transcript; other messages are kept as typed', async () => {
    const facts = createCollectionsFactsProvider({ policies: await loadShippedPolicies(), clock: harness.deps.clock });
    const worker = createInboxWorker({ ...harness.deps, facts, domainEffects: applyCollectionsEffect });
    const says = ['hola', 'mi cédula termina en 9999', '12/04/1988', 'cuánto debo 2 cosas'];
    for (const [i, body] of says.entries()) {
      await enqueueInbound(database.db, { channel: 'whatsapp', providerMessageId: `MASK-${i}`, from: phone, body, receivedAt: harness.deps.clock.now() });
      await worker.drainOnce();
    }
    const conversation = await database.db.selectFrom('conversations').select('id').where('address', '=', phone).executeTakeFirstOrThrow();
    const app = createApp({ db: database.db, logger: pino({ level: 'silent' }), metrics: createMetrics(), clock: harness.deps.clock, apiTokens: [{ token: viewer, role: 'viewer' }], simulator: false });
    const res = await request(app).get(`/api/conversations/${conversation.id}`).set('authorization', `Bearer ${viewer}`).expect(200);
    const inbound = res.body.conversation.messages.filter((m: { direction: string }) => m.direction === 'in').map((m: { body: string }) => m.body);
    expect(inbound).toEqual(['hola', 'mi cédula termina en ••••', '••/••/••••', 'cuánto debo 2 cosas']);
    expect(JSON.stringify(res.body)).not.toMatch(/9999|1988/);
    const inbox = await database.db.selectFrom('inbox').select(['body', 'status']).where('fromAddress', '=', phone).orderBy('seq').execute();
    expect(inbox.map((r) => r.body)).toEqual(inbound);
  });

  it('stored before are masked by migration 0740, in messages and in the inbox', async () => {
    const conversation = await database.db.insertInto('conversations').values({ channel: 'sms', address: '+573001140002', status: 'ended' }).returning('id').executeTakeFirstOrThrow();
    const inbox = async (sid: string, body: string) =>
      (await database.db.insertInto('inbox').values({ channel: 'sms', providerMessageId: sid, fromAddress: '+573001140002', body, payload: '{}', receivedAt: new Date(), status: 'done' }).returning('id').executeTakeFirstOrThrow()).id;
    const answer = await inbox('OLD-1', '4321');
    const question = await inbox('OLD-2', 'cuánto debo 100');
    const message = (inboxId: string, direction: 'in' | 'out', body: string, template: string | null) =>
      ({ conversationId: conversation.id, direction, body, template, inboxId, status: direction === 'in' ? 'received' : 'sent' });
    await database.db.insertInto('messages').values([
      message(answer, 'in', '4321', null), message(answer, 'out', 'Ese dato no coincide…', 'identity_mismatch'),
      message(question, 'in', 'cuánto debo 100', null), message(question, 'out', 'Con gusto te ayudo…', 'verify_first'),
    ]).execute();

    await migration0740MaskedVerificationAnswers.up(database.db.withoutPlugins());
    const bodies = await database.db.selectFrom('messages').select('body').where('conversationId', '=', conversation.id).where('direction', '=', 'in').orderBy('position').execute();
    expect(bodies.map((b) => b.body)).toEqual(['••••', 'cuánto debo 100']);
    const rows = await database.db.selectFrom('inbox').select('body').where('id', 'in', [answer, question]).orderBy('seq').execute();
    expect(rows.map((r) => r.body)).toEqual(['••••', 'cuánto debo 100']);
  });
});
