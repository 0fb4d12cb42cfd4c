import { existsSync } from 'node:fs';
import { Boom } from '@hapi/boom';
import { DisconnectReason } from '@whiskeysockets/baileys';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../src/main';
import { addConsoleUser, consolePassword } from '../fakes/consoleSignIn';
import { startTestService } from '../fakes/startTestService';
import { createTestSocketFactory } from '../integration/baileys/createTestSocketFactory';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const launchArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Linking the WhatsApp Web number from a browser: the page lives in the console, for signed-in admins, and its
 * "Connect again" form works because it carries the session's CSRF token (a browser cannot send a bearer token).
 */
describe.skipIf(!existsSync(chromiumPath))('the WhatsApp Web login page in the console', () => {
  const whatsapp = createTestSocketFactory();
  let service: RunningService;
  let browser: Browser;

  beforeAll(async () => {
    service = await startTestService({ BAILEYS_ENABLED: 'true', API_TOKENS: undefined }, { baileysSocketFactory: whatsapp.factory });
    await addConsoleUser(service.database.db, 'ada@example.com', 'admin', 'Ada');
    await addConsoleUser(service.database.db, 'ana@example.com', 'supervisor', 'Ana');
    browser = await chromium.launch({ executablePath: chromiumPath, args: launchArgs });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  async function signIn(email: string): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${service.url}/console/whatsapp`);
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password').fill(consolePassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    return page;
  }

  it('lets a signed-in admin connect the number again after a logout, with the CSRF token', async () => {
    whatsapp.sockets[0]?.ev.emit('connection.update', { connection: 'close', lastDisconnect: { error: new Boom('Connection Failure', { statusCode: DisconnectReason.loggedOut }), date: new Date() } });
    const page = await signIn('ada@example.com');
    await page.getByRole('heading', { name: 'WhatsApp Web (Baileys)' }).waitFor();
    expect(await page.locator('[data-state]').getAttribute('data-state')).toBe('logged_out');
    const sockets = whatsapp.sockets.length;
    await page.getByRole('button', { name: 'Connect again' }).click();
    await page.getByRole('heading', { name: 'WhatsApp Web (Baileys)' }).waitFor();
    expect(whatsapp.sockets.length).toBe(sockets + 1);
    // The same form without the token is refused.
    const forged = await page.request.post(`${service.url}/console/whatsapp/start`, { form: {} });
    expect(forged.status()).toBe(403);
  });

  it('is not for supervisors, and not for anyone signed out', async () => {
    const page = await signIn('ana@example.com');
    await page.waitForLoadState('networkidle');
    expect(await page.textContent('body')).toMatch(/needs one of the roles: admin/);
    const anonymous = await fetch(`${service.url}/console/whatsapp`, { redirect: 'manual' });
    expect(anonymous.status).toBe(303);
  });
});
