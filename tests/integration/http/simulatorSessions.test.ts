import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/adapters/db/createDatabase';
import { upsertDebtor } from '../../../src/adapters/db/repositories/upsertDebtor';
import { WEB_SESSIONS_PER_DEBTOR } from '../../../src/adapters/channels/web/createWebSession';
import { seedDemo } from '../../../src/collections/seedDemo';
import { createFakeClock } from '../../helpers/createFakeClock';
import { createTestDatabase } from '../../helpers/testDatabase';
import { createHttpTestApp, tokens } from './createHttpTestApp';

let database: Database;
let app: ReturnType<typeof createHttpTestApp>['app'];
const clock = createFakeClock(new Date('2026-12-01T15:00:00Z'));

beforeAll(async () => {
  database = await createTestDatabase();
  app = createHttpTestApp(database, { clock }).app;
  await seedDemo(database.db, clock.now());
  // A real debtor whose creditor happens to use a `demo-` external id.
  await upsertDebtor(database.db, { externalId: 'demo-real-1', firstName: 'Real', locale: 'es-CO', timezone: 'America/Bogota', country: 'CO', contactPoints: [{ channel: 'sms', address: '+573005550001' }] });
});
afterAll(async () => {
  await database?.close();
});

const openSession = (debtorId: string) => request(app).post('/simulator/api/sessions').send({ debtorId });

describe('simulator: only the seeded demo debtors', () => {
  it('lists the six seeded demo debtors and not an imported debtor with a demo- id', async () => {
    const res = await request(app).get('/simulator/api/debtors');
    expect(res.status).toBe(200);
    const ids = res.body.debtors.map((d: { id: string }) => d.id);
    expect(ids).toHaveLength(6);
    expect(ids).not.toContain('demo-real-1');
  });

  it('refuses to open a session for the imported debtor', async () => {
    const res = await openSession('demo-real-1');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('SIMULATOR.DEBTOR_NOT_FOUND');
  });
});

describe('simulator: anonymous sessions do not pile up', () => {
  it(`keeps at most ${WEB_SESSIONS_PER_DEBTOR} sessions per demo debtor, and the API lists none of them as contact points`, async () => {
    for (let i = 0; i < WEB_SESSIONS_PER_DEBTOR + 10; i++) expect((await openSession('demo-us-john')).status).toBe(201);
    const web = await database.db
      .selectFrom('contactPoints')
      .innerJoin('debtors', 'debtors.id', 'contactPoints.debtorId')
      .select('contactPoints.address')
      .where('debtors.externalId', '=', 'demo-us-john')
      .where('contactPoints.channel', '=', 'web')
      .execute();
    expect(web).toHaveLength(WEB_SESSIONS_PER_DEBTOR);
    const debtor = await request(app).get('/api/debtors/demo-us-john').set({ Authorization: `Bearer ${tokens.admin}` });
    expect(debtor.status).toBe(200);
    expect(debtor.body.debtor.contactPoints.map((c: { channel: string }) => c.channel).sort()).toEqual(['sms', 'whatsapp']);
  });

  it('expires a session after a day: its messages are refused and the next session removes it', async () => {
    const { session } = (await openSession('demo-es-lucia')).body;
    expect((await request(app).post('/simulator/api/messages').send({ session, text: 'hola' })).status).toBe(202);
    clock.advance(25 * 3_600_000);
    const late = await request(app).post('/simulator/api/messages').send({ session, text: 'hola otra vez' });
    expect(late.status).toBe(404);
    expect(late.body.error.code).toBe('SIMULATOR.SESSION_NOT_FOUND');
    await openSession('demo-es-lucia');
    const left = await database.db.selectFrom('contactPoints').select('id').where('address', '=', session).execute();
    expect(left).toEqual([]);
  });
});
