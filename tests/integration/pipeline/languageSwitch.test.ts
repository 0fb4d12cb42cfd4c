import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/adapters/db/createDatabase';
import { getConversation } from '../../../src/adapters/db/repositories/getConversation';
import { createInboxWorker } from '../../../src/pipeline/process/createInboxWorker';
import { enqueueInbound } from '../../../src/pipeline/receive/enqueueInbound';
import { createPipelineHarness } from '../../helpers/createPipelineHarness';
import type { PipelineHarness } from '../../helpers/createPipelineHarness';
import { createTestDatabase } from '../../helpers/testDatabase';

// Issue 12: the bot replies in the language the debtor writes in when a flow exists for it, through the real
// pipeline (inbox → interpret → engine → outbox), without losing the conversation's state or verification.
let database: Database;
let harness: PipelineHarness;

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await createPipelineHarness(database);
});
afterAll(async () => {
  await database.close();
});

let sequence = 0;
async function say(from: string, body: string): Promise<void> {
  sequence += 1;
  await enqueueInbound(database.db, { channel: 'whatsapp', providerMessageId: `LANG-${sequence}`, from, body, receivedAt: new Date('2026-11-20T15:00:00Z') });
  await createInboxWorker(harness.deps).drainOnce();
}

async function conversationOf(from: string) {
  const row = await database.db.selectFrom('conversations').select('id').where('address', '=', from).orderBy('createdAt', 'desc').executeTakeFirstOrThrow();
  const conversation = await getConversation(database.db, row.id);
  if (!conversation) throw new Error('no conversation');
  return conversation;
}

/** The replies to the last inbound message, as template and text. */
async function lastReplies(from: string): Promise<Array<{ template: string | null; body: string }>> {
  const { messages } = await conversationOf(from);
  const lastIn = messages.map((m) => m.direction).lastIndexOf('in');
  return messages.slice(lastIn + 1).map((m) => ({ template: m.template, body: m.body }));
}

describe('the conversation follows the language the debtor writes in', () => {
  it('a Spanish-speaking debtor (es-CO) who writes in English gets the English flow, verified, and Spanish again after', async () => {
    const from = '+573000009001';
    await harness.addDebtor('co_maria', 'whatsapp', from);
    await say(from, 'hola');
    expect((await lastReplies(from)).map((r) => r.template)).toEqual(['greeting', 'ask_identifier']);
    await say(from, '1234');
    expect((await lastReplies(from))[0]?.template).toBe('verified');

    await say(from, 'how much do I owe you right now?');
    const english = await lastReplies(from);
    expect(english[0]?.template).toBe('balance');
    expect(english[0]?.body).toMatch(/^Your outstanding balance with Banco Andino is .*1,250,000/);
    let conversation = await conversationOf(from);
    expect(conversation.flowId).toBe('collections-en');
    expect(conversation.state).toBe('menu');

    await say(from, 'cuánto es lo que debo en total?');
    const spanish = await lastReplies(from);
    expect(spanish[0]?.template).toBe('balance');
    expect(spanish[0]?.body).toMatch(/^Tu saldo pendiente con Banco Andino es de/);
    conversation = await conversationOf(from);
    expect(conversation.flowId).toBe('collections-es');
    // Verification was never asked again.
    expect(conversation.messages.filter((m) => m.template === 'ask_identifier')).toHaveLength(1);

    const switches = await database.db.selectFrom('auditEvents').select(['code', 'data']).where('code', '=', 'PIPELINE.LANGUAGE_SWITCHED').where('conversationId', '=', conversation.id).execute();
    expect(switches.map((s) => s.data)).toEqual(expect.arrayContaining([
      expect.objectContaining({ from: 'es-CO', to: 'en-CO', flowId: 'collections-en' }),
      expect.objectContaining({ from: 'en-CO', to: 'es-CO', flowId: 'collections-es' }),
    ]));
    expect(switches).toHaveLength(2);
  });

  it('greets in English when the first message is English, and keeps the language for short or mixed messages', async () => {
    const from = '+573000009002';
    await harness.addDebtor('co_maria', 'whatsapp', from);
    await say(from, 'hi, who is this? what do you want from me');
    const opening = await lastReplies(from);
    expect(opening.map((r) => r.template).slice(0, 2)).toEqual(['greeting', 'ask_identifier']);
    expect(opening[0]?.body).toMatch(/^Hi María, this is a virtual assistant/);
    await say(from, '1234');
    expect((await lastReplies(from))[0]?.body).toMatch(/^Thank you, María!/);
    // "ok" says nothing about the language: the conversation stays in English.
    await say(from, 'ok');
    expect((await conversationOf(from)).flowId).toBe('collections-en');
  });

  it('leaves a debtor who writes in their own language where they are', async () => {
    const from = '+573000009003';
    await harness.addDebtor('co_maria', 'whatsapp', from);
    await say(from, 'hola buenas, quien me escribe?');
    await say(from, '1234');
    await say(from, 'cuanto debo');
    const conversation = await conversationOf(from);
    expect(conversation.flowId).toBe('collections-es');
    const switched = await database.db.selectFrom('auditEvents').select('id').where('code', '=', 'PIPELINE.LANGUAGE_SWITCHED').where('conversationId', '=', conversation.id).execute();
    expect(switched).toEqual([]);
  });
});
