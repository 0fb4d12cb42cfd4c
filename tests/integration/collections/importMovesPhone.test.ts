import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/adapters/db/createDatabase';
import { applyCollectionsEffect } from '../../../src/collections/applyCollectionsEffect';
import { createCollectionsFactsProvider } from '../../../src/collections/createCollectionsFactsProvider';
import { importPortfolio } from '../../../src/collections/importPortfolio';
import { seedDemo } from '../../../src/collections/seedDemo';
import { createInboxWorker } from '../../../src/pipeline/process/createInboxWorker';
import { enqueueInbound } from '../../../src/pipeline/receive/enqueueInbound';
import { createPipelineHarness } from '../../helpers/createPipelineHarness';
import type { PipelineHarness } from '../../helpers/createPipelineHarness';
import { createTestDatabase } from '../../helpers/testDatabase';
import { loadShippedPolicies, portfolioCsv } from './support';

/**
 * Issue 10, item 1, as reported: Rosa (+51912345603) writes `hola`, `4321`, `cuánto debo` on WhatsApp; a portfolio
 * import then gives that phone to a new debtor PE-NEW-1; the next `cuánto debo` from the number must not see Rosa's
 * creditor, balance or payments. The import ends Rosa's open conversation on that number in its own transaction
 * (audited, timers and unsent replies dropped), so the pipeline starts afresh and asks the new owner who they are.
 * Real pipeline, production facts provider, real database.
 */
let database: Database;
let harness: PipelineHarness;
const rosa = '+51912345603';
const now = new Date('2026-11-23T15:00:00Z');
let seq = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await createPipelineHarness(database);
  harness.deps.clock.set(now);
  await seedDemo(database.db, now);
}, 180_000);
afterAll(async () => {
  await database.close();
});

async function say(body: string): Promise<Array<{ template: string | null; body: string }>> {
  seq += 1;
  const facts = createCollectionsFactsProvider({ policies: await loadShippedPolicies(), clock: harness.deps.clock });
  const worker = createInboxWorker({ ...harness.deps, facts, domainEffects: applyCollectionsEffect });
  const inbox = await enqueueInbound(database.db, { channel: 'whatsapp', providerMessageId: `MOVE-${seq}`, from: rosa, body, receivedAt: harness.deps.clock.now() });
  expect(inbox).toBeDefined();
  await worker.drainOnce();
  harness.deps.clock.advance(1000);
  const row = await database.db.selectFrom('inbox').select('id').where('providerMessageId', '=', `MOVE-${seq}`).executeTakeFirstOrThrow();
  return database.db.selectFrom('outbox').select(['template', 'body']).where('inboxId', '=', row.id).orderBy('seq').execute();
}

const ROSA_DEBT = /Caja Andina|Crédito de consumo|2[.,]?400|800|S\/|PEN|cuota|plan|pag/i;

describe('a phone an import gives to another debtor', () => {
  it("never shows the old debtor's creditor, balance or payments to the next message from that number", async () => {
    await say('hola');
    await say('4321');
    const before = await say('cuánto debo');
    expect(before.map((r) => r.body).join(' ')).toMatch(/Caja Andina|2[.,]400/);
    const rosaConversation = await database.db.selectFrom('conversations').select(['id', 'debtorId']).where('address', '=', rosa).where('status', '=', 'active').executeTakeFirstOrThrow();

    const imported = await importPortfolio(
      database.db,
      portfolioCsv({ external_id: 'PE-NEW-1', first_name: 'Ernesto', last_name: 'Vidal', phone: rosa, country: 'PE', account_id: 'PE-NEW-1-A', creditor: 'Banco del Sur', currency: 'PEN', balance: '150.00', document_last4: '7777', birth_date: '' }),
      { now: harness.deps.clock.now(), actor: 'test' },
    );
    const after = await say('cuánto debo');
    const text = after.map((r) => r.body).join(' ');
    expect(text).not.toMatch(ROSA_DEBT);
    expect(imported.ok && imported.value).toMatchObject({ debtors: { created: 1 }, contacts: { moved: 2, conversationsEnded: 1 } });
    expect(text).not.toMatch(/Rosa/);
    expect(text).toMatch(/Ernesto/);
    expect(after.map((r) => r.template)).toContain('ask_identifier');

    const old = await database.db.selectFrom('conversations').select(['status']).where('id', '=', rosaConversation.id).executeTakeFirstOrThrow();
    expect(old.status).toBe('ended');
    const open = await database.db.selectFrom('conversations').select(['id', 'debtorId']).where('address', '=', rosa).where('status', '<>', 'ended').executeTakeFirstOrThrow();
    const newOwner = await database.db.selectFrom('debtors').select('id').where('externalId', '=', 'PE-NEW-1').executeTakeFirstOrThrow();
    expect(open).toMatchObject({ debtorId: newOwner.id });
    expect(open.id).not.toBe(rosaConversation.id);
    const audit = await database.db.selectFrom('auditEvents').select(['code', 'actor', 'debtorId', 'data']).where('conversationId', '=', rosaConversation.id).where('code', '=', 'CONVERSATION.ENDED_BY_IMPORT').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor: 'test', debtorId: rosaConversation.debtorId, data: { reason: 'ADDRESS.REASSIGNED', toDebtorId: newOwner.id } });
    expect(JSON.stringify(audit.data)).not.toContain(rosa);

    // Verifying as the new owner works, and shows only the new owner's debt.
    const verified = await say('7777');
    expect(verified.map((r) => r.body).join(' ')).not.toMatch(/Caja Andina|2[.,]400/);
    const balance = await say('cuánto debo');
    expect(balance.map((r) => r.body).join(' ')).toMatch(/Banco del Sur/);
  });
});
