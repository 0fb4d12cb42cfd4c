import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../../src/main';
import { importPortfolioCsv } from '../../fakes/importPortfolioCsv';
import { startTestService } from '../../fakes/startTestService';

const tokens = { admin: 'preview-admin-token-0123456789', supervisor: 'preview-supervisor-token-0123456789', viewer: 'preview-viewer-token-0123456789' };
const header = 'external_id,first_name,last_name,phone,email,country,locale,timezone,document_last4,birth_date,account_id,creditor,product,currency,balance,due_date,segment,consent_whatsapp,consent_sms';
let service: RunningService;

beforeAll(async () => {
  service = await startTestService({ SEED_DEMO: 'false', API_TOKENS: `${tokens.admin}:admin,${tokens.supervisor}:supervisor:ana,${tokens.viewer}:viewer` });
  await importPortfolioCsv(service.url, tokens.admin, [
    header,
    'pv-1,Ana,Gil,+57 300 555 0101,,CO,es-CO,America/Bogota,1234,1990-01-01,PV-1,Banco Andino,Tarjeta de crédito,COP,500000,2026-11-20,,true,true',
    'pv-2,Leo,Paz,+57 300 555 0102,,CO,es-CO,America/Bogota,1234,1990-01-01,PV-2,Banco Andino,Tarjeta de crédito,COP,500000,2026-11-22,,true,true',
    'pv-3,Sam,Lee,+1 212 555 0103,,US,en-US,America/New_York,1234,1990-01-01,PV-3,Lakeside Credit Union,Credit card,USD,1250.00,2026-11-20,,false,true',
  ].join('\n'));
}, 120_000);
afterAll(async () => service?.stop());

const get = (path: string, token?: string) => fetch(`${service.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('GET /api/outreach/preview', () => {
  it('says who would be contacted at an instant, by which channel, and who is held back and why', async () => {
    const res = await get('/api/outreach/preview?at=2026-11-22T15:00:00Z', tokens.supervisor);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      at: '2026-11-22T15:00:00.000Z',
      decisions: [
        { externalId: 'pv-1', accountId: 'PV-1', step: 'vence-hoy', action: 'skip', reason: 'COMPLIANCE.SUNDAY', channel: 'whatsapp', nextAllowedAt: null },
        { externalId: 'pv-2', accountId: 'PV-2', step: 'vence-hoy', action: 'defer', reason: 'COMPLIANCE.SUNDAY', channel: 'whatsapp', nextAllowedAt: '2026-11-23T13:00:00.000Z' },
        { externalId: 'pv-3', accountId: 'PV-3', step: 'due-day', action: 'send', reason: null, channel: 'sms', nextAllowedAt: null },
      ],
    });
    // Writes nothing: the same question gets the same answer.
    expect((await (await get('/api/outreach/preview?at=2026-11-22T15:00:00Z', tokens.admin)).json()).decisions).toHaveLength(3);
  });

  it('answers with the sweep turned off (OUTREACH_ENABLED=false): no outreach-sweep job is scheduled, nothing is sent', async () => {
    const jobs = await sql<{ name: string }>`SELECT DISTINCT name FROM agenda_jobs ORDER BY name`.execute(service.database.db);
    expect(jobs.rows.map((r) => r.name)).toEqual(['promise-evaluation', 'timers']);
    expect(await service.database.db.selectFrom('outbox').select('id').where('purpose', '=', 'proactive').execute()).toEqual([]);
  });

  it('is for supervisors and admins only, and names a bad instant', async () => {
    expect((await get('/api/outreach/preview')).status).toBe(401);
    expect((await get('/api/outreach/preview', tokens.viewer)).status).toBe(403);
    const bad = await get('/api/outreach/preview?at=tomorrow', tokens.supervisor);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'API.INVALID_QUERY', details: [{ field: 'at' }] } });
  });
});
