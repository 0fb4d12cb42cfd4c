import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunningService } from '../../src/main';
import { startTestService } from '../fakes/startTestService';
import { createTestSocketFactory } from '../integration/baileys/createTestSocketFactory';

/**
 * Who can link the WhatsApp Web number: the /admin/whatsapp page shows the login QR, and whoever scans it owns the
 * channel. The whole service from startService, with a local socket in place of WhatsApp's servers.
 */
let service: RunningService | undefined;
afterEach(async () => {
  await service?.stop();
  service = undefined;
  vi.restoreAllMocks();
});

describe('/admin/whatsapp', () => {
  it('is not served at all when no admin token is configured, even outside production', async () => {
    service = await startTestService({ BAILEYS_ENABLED: 'true', API_TOKENS: undefined }, { baileysSocketFactory: createTestSocketFactory().factory });
    expect((await fetch(`${service.url}/admin/whatsapp`)).status).toBe(404);
    expect((await fetch(`${service.url}/admin/whatsapp/status.json`)).status).toBe(404);
  });

  it('needs the admin token when one is configured', async () => {
    service = await startTestService({ BAILEYS_ENABLED: 'true', API_TOKENS: 'admin-token-for-the-qr-page-0123:admin,viewer-token-for-the-qr-page-012:viewer' }, { baileysSocketFactory: createTestSocketFactory().factory });
    expect((await fetch(`${service.url}/admin/whatsapp`)).status).toBe(401);
    expect((await fetch(`${service.url}/admin/whatsapp`, { headers: { authorization: 'Bearer viewer-token-for-the-qr-page-012' } })).status).toBe(403);
    expect((await fetch(`${service.url}/admin/whatsapp`, { headers: { authorization: 'Bearer admin-token-for-the-qr-page-0123' } })).status).toBe(200);
  });

  it('never prints the login QR to stdout in production, where logs are collected', async () => {
    const printed = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const whatsapp = createTestSocketFactory();
    service = await startTestService(
      { NODE_ENV: 'production', BAILEYS_ENABLED: 'true', API_TOKENS: 'admin-token-for-the-qr-page-0123:admin', PAYMENT_LINK_SECRET: 'a-payment-link-secret-for-tests-0123456789', SIMULATOR_ENABLED: 'false' },
      { baileysSocketFactory: whatsapp.factory },
    );
    whatsapp.sockets[0]?.ev.emit('connection.update', { qr: '2@fake-login-qr-payload' });
    await vi.waitFor(async () => {
      const res = await fetch(`${service?.url}/admin/whatsapp/status.json`, { headers: { authorization: 'Bearer admin-token-for-the-qr-page-0123' } });
      expect(await res.json()).toMatchObject({ state: 'waiting_for_qr', hasQr: true });
    });
    expect(printed.mock.calls.flat().join('\n')).not.toMatch(/scan this QR/);
  });
});
