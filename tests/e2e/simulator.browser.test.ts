import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../src/main';
import { startTestService } from '../fakes/startTestService';

// Debian's chromium; this test installs nothing (CI installs it, see .ci/run).
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const launchArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const screenshotPath = '/tmp/pacto-simulator.png';

describe.skipIf(!existsSync(chromiumPath))('the /simulator page in a real browser', () => {
  let service: RunningService;
  let browser: Browser;

  beforeAll(async () => {
    service = await startTestService();
    browser = await chromium.launch({ executablePath: chromiumPath, args: launchArgs });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  it('lets anyone pick a demo debtor, type a message and read the bot’s reply', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 860 }, locale: 'es-CO' });
    const failedRequests: string[] = [];
    page.on('requestfailed', (r) => failedRequests.push(r.url()));
    page.on('response', (r) => {
      if (r.status() >= 400) failedRequests.push(`${r.status()} ${r.url()}`);
    });

    await page.goto(`${service.url}/simulator`);
    await expect(page.title()).resolves.toMatch(/Pacto/);
    const composer = page.getByLabel('Your message');
    await expect(composer.isDisabled()).resolves.toBe(true);

    await page.getByRole('button', { name: /María/ }).click();
    await expect.poll(() => page.getByRole('button', { name: /María/ }).getAttribute('aria-pressed'), { timeout: 30_000 }).toBe('true');
    await expect.poll(() => composer.isEnabled(), { timeout: 30_000 }).toBe(true);
    await composer.fill('Hola');
    await composer.press('Enter');

    const log = page.getByRole('log', { name: 'Conversation' });
    await log.locator('.msg.in', { hasText: 'Hola' }).waitFor({ timeout: 30_000 });
    await log.locator('.msg.out', { hasText: 'María' }).first().waitFor({ timeout: 30_000 });
    await page.getByText('the bot is replying').waitFor({ state: 'hidden', timeout: 30_000 });

    await composer.fill('1234');
    await page.getByRole('button', { name: 'Send' }).click();
    // The server keeps and shows a verification answer masked, to the debtor too.
    await log.locator('.msg.in:not(.pending)', { hasText: '••••' }).waitFor({ timeout: 30_000 });
    await expect.poll(() => log.locator('.msg.out').count(), { timeout: 30_000 }).toBeGreaterThan(2);
    await page.getByText('the bot is replying').waitFor({ state: 'hidden', timeout: 30_000 });

    // Every bubble is a real message from the server: no pending copies are left behind.
    await expect(log.locator('.msg.pending').count()).resolves.toBe(0);
    expect(failedRequests).toEqual([]);
    await page.screenshot({ path: screenshotPath, fullPage: true });
    await page.close();
  }, 120_000);
});
