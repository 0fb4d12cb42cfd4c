import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/adapters/db/createDatabase';
import { createFlowRepository } from '../../../src/adapters/flows/createFlowRepository';
import type { FlowRepository } from '../../../src/adapters/flows/createFlowRepository';
import type { ConsoleUser } from '../../../src/console/auth/consoleUsers';
import { addInternalNote } from '../../../src/console/control/addInternalNote';
import { closeConversation, handBackConversation } from '../../../src/console/control/releaseConversation';
import { sendAgentReply } from '../../../src/console/control/sendAgentReply';
import { takeConversation } from '../../../src/console/control/takeConversation';
import { createFlowRegistry } from '../../../src/createFlowRegistry';
import { createTestDatabase } from '../../helpers/testDatabase';

let database: Database;
let flows: FlowRepository;
let ana: ConsoleUser;
let bea: ConsoleUser;
const now = new Date('2026-11-20T15:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
  flows = createFlowRepository({ dir: 'flows', registry: createFlowRegistry() });
  expect((await flows.reload()).ok).toBe(true);
  const user = (email: string, name: string) =>
    database.db.insertInto('consoleUsers').values({ email, name, role: 'supervisor', passwordHash: 'x' }).returning(['id', 'email', 'name', 'role']).executeTakeFirstOrThrow();
  ana = await user('ana@example.com', 'Ana');
  bea = await user('bea@example.com', 'Bea');
}, 60_000);

afterAll(async () => {
  await database?.close();
});

/** A WhatsApp conversation of a debtor on the Spanish flow, in `state`, the debtor last writing `lastInboundAt`. */
async function conversationIn(state: string, o: { handoff: boolean; lastInboundAt: Date; address: string }) {
  const db = database.db;
  const flow = flows.current('collections-es');
  if (!flow) throw new Error('no collections-es flow');
  const debtor = await db.insertInto('debtors').values({ externalId: o.address, firstName: 'Camila', locale: 'es-CO', timezone: 'America/Bogota', country: 'CO', profile: '{}' }).returning('id').executeTakeFirstOrThrow();
  const session = { flowId: flow.id, flowVersion: flow.version, state, slots: { verified: true }, attempts: { menu: 2 }, locale: 'es-CO', status: state === 'with_agent' ? 'ended' : 'active', llmCalls: 1 };
  const c = await db
    .insertInto('conversations')
    .values({ debtorId: debtor.id, channel: 'whatsapp', address: o.address, flowId: flow.id, flowVersion: flow.version, state, session: JSON.stringify(session), status: 'active', handoff: o.handoff, lastInboundAt: o.lastInboundAt, updatedAt: new Date(now.getTime() - 600_000) })
    .returningAll()
    .executeTakeFirstOrThrow();
  return c;
}

const outbox = (conversationId: string) => database.db.selectFrom('outbox').select(['purpose', 'status', 'errorCode', 'body', 'contentSid']).where('conversationId', '=', conversationId).orderBy('position').execute();

describe('taking over and handing back', () => {
  it('silences the bot at once: pending bot replies dropped, timers removed; the waiting debtor is told a person joined; audited with who', async () => {
    const db = database.db;
    const c = await conversationIn('with_agent', { handoff: true, lastInboundAt: now, address: '+573000000101' });
    await db.insertInto('outbox').values({ conversationId: c.id, channel: 'whatsapp', toAddress: c.address, body: 'bot reply not sent yet', purpose: 'reply', nextAttemptAt: now }).execute();
    await db.insertInto('scheduledTimers').values({ conversationId: c.id, timer: 'inactivity:menu', dueAt: new Date(now.getTime() + 3_600_000) }).execute();

    expect(await takeConversation(db, { conversationId: c.id, actor: ana, assignee: ana, reassign: false, now })).toEqual({ ok: true });
    const after = await db.selectFrom('conversations').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ handoff: true, takenBy: ana.id, takenAt: now });
    expect(await outbox(c.id)).toEqual([
      { purpose: 'reply', status: 'dropped', errorCode: 'CONSOLE.TAKEN_OVER', body: 'bot reply not sent yet', contentSid: null },
      { purpose: 'agent', status: 'pending', errorCode: null, body: 'Hola, te escribe Ana, del equipo. Desde ahora te atiendo yo.', contentSid: null },
    ]);
    expect(await db.selectFrom('scheduledTimers').select('id').where('conversationId', '=', c.id).execute()).toEqual([]);
    const audit = await db.selectFrom('auditEvents').select(['actor', 'code', 'data']).where('conversationId', '=', c.id).execute();
    expect(audit).toEqual([{ actor: `console:${ana.id}`, code: 'CONSOLE.TAKEN_OVER', data: { userId: ana.id, assigneeId: ana.id, previousId: null, wasWaiting: true, droppedReplies: 1 } }]);

    // A colleague cannot take it silently, but can be assigned it.
    expect(await takeConversation(db, { conversationId: c.id, actor: bea, assignee: bea, reassign: false, now })).toMatchObject({ ok: false, error: { code: 'CONSOLE.TAKEN_BY_OTHER' } });
    expect(await sendAgentReply(db, { conversationId: c.id, user: bea, body: 'hola', now })).toMatchObject({ ok: false, error: { code: 'CONSOLE.NOT_YOURS' } });
    expect(await takeConversation(db, { conversationId: c.id, actor: ana, assignee: bea, reassign: true, now })).toEqual({ ok: true });
    expect((await db.selectFrom('conversations').select('takenBy').where('id', '=', c.id).executeTakeFirstOrThrow()).takenBy).toBe(bea.id);
  });

  it('sends a reply as an agent row, keeps notes out of the outbox, and hands back at the chosen state', async () => {
    const db = database.db;
    const c = await conversationIn('with_agent', { handoff: true, lastInboundAt: now, address: '+573000000102' });
    await takeConversation(db, { conversationId: c.id, actor: ana, assignee: ana, reassign: false, now });
    expect(await sendAgentReply(db, { conversationId: c.id, user: ana, body: '  Te ayudo con tu plan  ', now })).toEqual({ ok: true });
    expect(await addInternalNote(db, { conversationId: c.id, user: ana, body: 'llamar el lunes', now })).toEqual({ ok: true });
    expect((await outbox(c.id)).map((o) => [o.purpose, o.body])).toEqual([
      ['agent', 'Hola, te escribe Ana, del equipo. Desde ahora te atiendo yo.'],
      ['agent', 'Te ayudo con tu plan'],
    ]);
    const sent = await db.selectFrom('messages').select(['body', 'sentBy']).where('conversationId', '=', c.id).where('body', '=', 'Te ayudo con tu plan').executeTakeFirstOrThrow();
    expect(sent.sentBy).toBe(ana.id);

    expect(await handBackConversation(db, flows, { conversationId: c.id, user: ana, state: 'with_agent', now })).toMatchObject({ ok: false, error: { code: 'CONSOLE.UNKNOWN_STATE' } });
    expect(await handBackConversation(db, flows, { conversationId: c.id, user: ana, state: 'menu', now })).toEqual({ ok: true });
    const back = await db.selectFrom('conversations').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(back).toMatchObject({ handoff: false, takenBy: null, takenAt: null, handoffAt: null, state: 'menu', status: 'active' });
    expect(back.session).toMatchObject({ state: 'menu', status: 'active', attempts: {}, slots: { verified: true }, llmCalls: 1 });
    expect(await handBackConversation(db, flows, { conversationId: c.id, user: ana, state: 'menu', now })).toMatchObject({ ok: false, error: { code: 'CONSOLE.NOT_WITH_PERSON' } });
  });

  it('tells a debtor who wrote recently that the assistant is back (a reply in the bot\'s voice, through the outbox), and nobody later', async () => {
    const db = database.db;
    const recent = await conversationIn('with_agent', { handoff: true, lastInboundAt: new Date(now.getTime() - 3 * 3_600_000), address: '+573000000105' });
    await takeConversation(db, { conversationId: recent.id, actor: ana, assignee: ana, reassign: false, now });
    expect(await handBackConversation(db, flows, { conversationId: recent.id, user: ana, state: 'menu', now })).toEqual({ ok: true });
    const notice = 'Gracias por tu paciencia. Desde ahora te atiende de nuevo el asistente virtual: escríbeme cuando quieras seguir.';
    expect((await outbox(recent.id)).at(-1)).toEqual({ purpose: 'reply', status: 'pending', errorCode: null, body: notice, contentSid: null });
    expect(await db.selectFrom('messages').select(['direction', 'template', 'sentBy', 'status']).where('conversationId', '=', recent.id).where('body', '=', notice).execute()).toEqual([
      { direction: 'out', template: 'console:handed_back', sentBy: null, status: 'pending' },
    ]);
    const audit = await db.selectFrom('auditEvents').select('data').where('conversationId', '=', recent.id).where('code', '=', 'CONSOLE.HANDED_BACK').executeTakeFirstOrThrow();
    expect(audit.data).toEqual({ userId: ana.id, from: 'with_agent', to: 'menu', notice: true });

    // In English for an English conversation.
    const english = await conversationIn('with_agent', { handoff: true, lastInboundAt: now, address: '+573000000106' });
    await db.updateTable('conversations').set({ session: JSON.stringify({ ...english.session, locale: 'en-US' }) }).where('id', '=', english.id).execute();
    await handBackConversation(db, flows, { conversationId: english.id, user: ana, state: 'menu', now });
    expect((await outbox(english.id)).at(-1)?.body).toBe("Thanks for your patience. You're back with our virtual assistant: write whenever you want to continue.");

    // A debtor who last wrote a day ago gets no notice out of the blue; the bot answers when they write.
    const quiet = await conversationIn('with_agent', { handoff: true, lastInboundAt: new Date(now.getTime() - 24 * 3_600_000), address: '+573000000107' });
    expect(await handBackConversation(db, flows, { conversationId: quiet.id, user: ana, state: 'menu', now })).toEqual({ ok: true });
    expect(await outbox(quiet.id)).toEqual([]);
    const quietAudit = await db.selectFrom('auditEvents').select('data').where('conversationId', '=', quiet.id).where('code', '=', 'CONSOLE.HANDED_BACK').executeTakeFirstOrThrow();
    expect(quietAudit.data).toMatchObject({ notice: false });
  });

  it("refuses free text outside WhatsApp's 24-hour window and offers only the approved template", async () => {
    const db = database.db;
    const c = await conversationIn('menu', { handoff: false, lastInboundAt: new Date(now.getTime() - 25 * 3_600_000), address: '+573000000103' });
    await takeConversation(db, { conversationId: c.id, actor: ana, assignee: ana, reassign: false, now });
    expect(await sendAgentReply(db, { conversationId: c.id, user: ana, body: 'hola', now })).toMatchObject({ ok: false, error: { code: 'CONSOLE.WINDOW_CLOSED' } });
    const sid = `HX${'a'.repeat(32)}`;
    expect(await sendAgentReply(db, { conversationId: c.id, user: ana, body: '', now, template: { contentSid: sid } })).toEqual({ ok: true });
    expect(await outbox(c.id)).toEqual([{ purpose: 'agent', status: 'pending', errorCode: null, body: `[WhatsApp template ${sid}]`, contentSid: sid }]);
  });

  it('closes a conversation: ended, the bot silent flag off, no timers', async () => {
    const db = database.db;
    const c = await conversationIn('with_agent', { handoff: true, lastInboundAt: now, address: '+573000000104' });
    expect(await closeConversation(db, { conversationId: c.id, user: ana, now })).toEqual({ ok: true });
    expect(await db.selectFrom('conversations').select(['status', 'handoff']).where('id', '=', c.id).executeTakeFirstOrThrow()).toEqual({ status: 'ended', handoff: false });
    expect(await takeConversation(db, { conversationId: c.id, actor: ana, assignee: ana, reassign: false, now })).toMatchObject({ ok: false, error: { code: 'CONSOLE.CONVERSATION_ENDED' } });
  });
});
