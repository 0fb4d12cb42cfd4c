import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../../src/main';
import { createFakeClock } from '../../helpers/createFakeClock';
import { addConsoleUser, signIn } from '../../fakes/consoleSignIn';
import { startTestService } from '../../fakes/startTestService';

// Saturday 2026-12-05 18:30 in Bogotá: past Colombia's Saturday contact hours (8:00-15:00); Sunday is closed.
const clock = createFakeClock(new Date('2026-12-05T23:30:00Z'));
let service: RunningService;

beforeAll(async () => {
  service = await startTestService({}, { clock });
  await addConsoleUser(service.database.db, 'ana@example.com', 'supervisor', 'Ana');
}, 120_000);

afterAll(async () => {
  await service?.stop();
});

/** A Colombian debtor with a consented WhatsApp address, an account and an open conversation; returns the conversation id. */
async function debtorWithConversation(key: string, o: { dispute?: boolean; creditor?: string } = {}): Promise<string> {
  const db = service.database.db;
  const address = `+5730000${key}`;
  const debtor = await db
    .insertInto('debtors')
    .values({ externalId: `PANEL-${key}`, firstName: 'Camila', locale: 'es-CO', timezone: 'America/Bogota', country: 'CO', profile: '{}' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('contactPoints').values({ debtorId: debtor.id, channel: 'whatsapp', address, consent: true }).execute();
  const account = await db
    .insertInto('accounts')
    .values({ debtorId: debtor.id, externalId: `ACC-${key}`, creditor: o.creditor ?? 'Financiera Sol', product: 'card', currency: 'COP', balanceMinor: 100_000, dueDate: '2026-12-20' })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (o.dispute) await db.insertInto('disputes').values({ accountId: account.id, reasonCode: 'not_mine' }).execute();
  const conversation = await db
    .insertInto('conversations')
    .values({ debtorId: debtor.id, channel: 'whatsapp', address, flowId: 'collections-es', flowVersion: 'v1', state: 'menu', status: 'active', handoff: false, updatedAt: clock.now() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return conversation.id;
}

/** The side panel's "Next proactive message" section as text. */
async function nextContactOf(conversationId: string): Promise<string> {
  const { agent } = await signIn(service.url, 'ana@example.com');
  const page = await agent.get(`/console/conversations/${conversationId}`);
  expect(page.status).toBe(200);
  const section = /<section aria-labelledby="next-contact"[^>]*>([\s\S]*?)<\/section>/.exec(page.text)?.[1] ?? '';
  return section.replace(/<[^>]+>/g, ' ').replace(/&#x27;|&#39;/g, "'").replace(/\s+/g, ' ').trim();
}

describe('conversation side panel: the next proactive message', () => {
  it("shows the next allowed moment on the debtor's clock, with the rule that blocks one now", async () => {
    const text = await nextContactOf(await debtorWithConversation('01'));
    expect(text).toContain('Not before Mon 2026-12-07 07:00 America/Bogota (in 36 h 30 min).');
    expect(text).toContain("outside the contact hours (the law's or the creditor's) in the debtor's time zone COMPLIANCE.QUIET_HOURS");
    // Banco Andino's own rules (flows/compliance/creditors) close Saturdays and open at 8:00.
    const bank = await nextContactOf(await debtorWithConversation('04', { creditor: 'Banco Andino' }));
    expect(bank).toContain('Not before Mon 2026-12-07 08:00 America/Bogota');
    expect(bank).toContain("no contact on this day of the week (the law's or the creditor's rules) COMPLIANCE.CLOSED_DAY");
  });

  it('says when nothing but a change of status releases it (an open dispute)', async () => {
    const text = await nextContactOf(await debtorWithConversation('02', { dispute: true }));
    expect(text).toContain('Not allowed, and no waiting releases it.');
    expect(text).toContain('an account is in dispute: proactive collection is paused COMPLIANCE.DISPUTE_PAUSE');
  });

  it('says a message may go now inside the contact hours', async () => {
    const id = await debtorWithConversation('03');
    clock.set(new Date('2026-12-07T15:00:00Z'));
    try {
      expect(await nextContactOf(id)).toContain('Allowed now (Mon 2026-12-07 10:00 America/Bogota).');
    } finally {
      clock.set(new Date('2026-12-05T23:30:00Z'));
    }
  });
});
