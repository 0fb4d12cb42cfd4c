import { existsSync, mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../src/main';
import { addConsoleUser, consolePassword } from '../fakes/consoleSignIn';
import { buildTwilioFakeEnv } from '../fakes/buildTwilioFakeEnv';
import { startFakeTwilioApi } from '../fakes/fakeTwilioApi';
import type { FakeTwilioApi } from '../fakes/fakeTwilioApi';
import { importPortfolioCsv } from '../fakes/importPortfolioCsv';
import { mariaPhone } from '../fakes/mariaConversation';
import { readPortfolioFixture } from '../fakes/readPortfolioFixture';
import { signTwilioWebhook } from '../fakes/signTwilioWebhook';
import { postSignedInbound } from '../fakes/postSignedInbound';
import { startTestService, testPublicBaseUrl } from '../fakes/startTestService';
import { waitForPipelineIdle } from '../fakes/waitForPipelineIdle';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const launchArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const whatsappFrom = 'whatsapp:+14155238886';
const adminToken = 'e2e-console-admin-token-0123456789';
/** CONSOLE_SCREENSHOTS=docs/screenshots keeps the README's screenshots current (npm run screenshots:console). */
const screenshotDir = process.env.CONSOLE_SCREENSHOTS;
const samPhone = '+12125550307';

/** Sam Lee: a Lakeside credit card of $1,250.00, 136 days past due; identity 1357. */
function samCsv(): string {
  const due = new Date(Date.now() - 136 * 86_400_000).toISOString().slice(0, 10);
  return [
    'external_id,first_name,last_name,phone,email,country,locale,timezone,document_last4,birth_date,account_id,creditor,product,currency,balance,due_date,segment,consent_whatsapp,consent_sms',
    `e2e-console-sam,Sam,Lee,${samPhone},,US,en-US,America/New_York,1357,1983-05-06,ACC-console-sam,Lakeside Credit Union,Credit card,USD,1250.00,${due},,true,true`,
  ].join('\n');
}

describe.skipIf(!existsSync(chromiumPath))('the supervisor console in a real browser', () => {
  let fake: FakeTwilioApi;
  let service: RunningService;
  let browser: Browser;

  beforeAll(async () => {
    fake = await startFakeTwilioApi();
    service = await startTestService({ ...buildTwilioFakeEnv(fake, whatsappFrom), API_TOKENS: `${adminToken}:admin` });
    await importPortfolioCsv(service.url, adminToken, await readPortfolioFixture('maria.csv'));
    await importPortfolioCsv(service.url, adminToken, samCsv());
    await addConsoleUser(service.database.db, 'ana@example.com', 'supervisor', 'Ana');
    await addConsoleUser(service.database.db, 'vic@example.com', 'viewer', 'Vic');
    browser = await chromium.launch({ executablePath: chromiumPath, args: launchArgs });
    if (screenshotDir) mkdirSync(screenshotDir, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
    await fake?.close();
  });

  async function debtorWrites(body: string, phone = mariaPhone): Promise<void> {
    expect(await postSignedInbound(service.url, { authToken: fake.authToken, accountSid: fake.accountSid, from: `whatsapp:${phone}`, to: whatsappFrom, body })).toBe(200);
    await waitForPipelineIdle(service.database.db, 60_000);
  }

  const toMaria = () => fake.messages.filter((m) => m.to === `whatsapp:${mariaPhone}`).map((m) => m.body);

  async function signInPage(email: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    await page.goto(`${service.url}/console/`);
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password').fill(consolePassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();
    expect(problems).toEqual([]);
    return page;
  }

  it('walks the loop: a debtor asks for a person, a supervisor takes over and replies, the bot stays silent, then resumes at the menu', async () => {
    const page = await signInPage('ana@example.com');
    const list = page.locator('#inbox-list');
    await expect(list.textContent()).resolves.toContain('No conversations here.');

    await debtorWrites('Hola');
    await debtorWrites('1234');
    await debtorWrites('quiero hablar con una persona');
    expect(toMaria().at(-1)).toBeDefined();

    // Appears in the waiting tab without a reload (Server-Sent Events), with how long it has waited.
    const row = list.getByRole('link', { name: /María Restrepo/ });
    await row.waitFor({ timeout: 30_000 });
    await expect(row.textContent()).resolves.toMatch(/waiting \d+ min/);
    await expect(page.locator('[data-count="waiting"]').textContent()).resolves.toBe('1');
    await expect.poll(() => page.locator('#live-badge').textContent()).toBe('1 waiting');
    if (screenshotDir) await page.screenshot({ path: `${screenshotDir}/inbox.png`, fullPage: true });

    await row.click();
    await page.getByRole('heading', { name: 'María Restrepo' }).waitFor();
    const why = page.locator('details.why').last();
    await why.locator('summary').click();
    await expect(why.textContent()).resolves.toMatch(/intent human_agent/);
    await expect(why.textContent()).resolves.toMatch(/menu → with_agent on intent:human_agent/);
    await expect(why.textContent()).resolves.toMatch(/CONVERSATION\.HANDOFF/);
    const verifyWhy = page.locator('details.why').nth(1);
    await verifyWhy.locator('summary').click();
    await expect(verifyWhy.textContent()).resolves.toMatch(/identity_matches ✓/);

    const sentBefore = toMaria().length;
    await page.getByRole('button', { name: 'Take over' }).click();
    await expect(page.locator('#control-status').textContent()).resolves.toMatch(/With Ana .* the bot is silent/);
    const joined = await fake.waitForMessage((m) => m.body.startsWith('Hola, te escribe Ana, del equipo'));

    // Twilio reports that message undelivered: the open transcript and an open inbox show it without a reload.
    const inbox = await signInPage('ana@example.com');
    await inbox.goto(`${service.url}/console/inbox?tab=person`);
    await inbox.locator('#inbox-list').getByRole('link', { name: /María Restrepo/ }).waitFor();
    const status = { MessageSid: joined.sid, AccountSid: fake.accountSid, MessageStatus: 'undelivered', ErrorCode: '30003' };
    const callback = await fetch(`${service.url}/webhooks/twilio/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signTwilioWebhook(fake.authToken, `${testPublicBaseUrl}/webhooks/twilio/status`, status) },
      body: new URLSearchParams(status).toString(),
    });
    expect(callback.status).toBe(204);
    const failed = page.locator('.msg.agent', { hasText: 'te escribe Ana' });
    await failed.locator('.status-failed').waitFor({ timeout: 30_000 });
    await expect(failed.textContent()).resolves.toContain('not delivered — the phone is unreachable (off or out of coverage) (TWILIO.30003)');
    await inbox.locator('#inbox-list .failure', { hasText: 'Not delivered: the phone is unreachable' }).waitFor({ timeout: 30_000 });
    await inbox.context().close();

    await page.getByLabel('Reply to the debtor').fill('Hola María, soy Ana. ¿En qué te puedo ayudar?');
    await page.getByRole('button', { name: 'Send reply' }).click();
    const reply = await fake.waitForMessage((m) => m.body === 'Hola María, soy Ana. ¿En qué te puedo ayudar?');
    expect(reply.to).toBe(`whatsapp:${mariaPhone}`);
    // Its delivery status arrives on the page without a reload.
    await page.locator('.msg.agent', { hasText: 'soy Ana' }).locator('.status-sent, .status-delivered').waitFor({ timeout: 30_000 });

    // The debtor writes again (with HTML in it): the bot stays silent, and the text shows as text.
    await debtorWrites('<b>gracias</b> <img src=x onerror=alert(1)> cuánto debo');
    expect(toMaria().length).toBe(sentBefore + 2);
    const echoed = page.locator('.msg.in .body', { hasText: '<b>gracias</b>' });
    await echoed.waitFor({ timeout: 30_000 });
    await expect(page.locator('.msg.in .body b, .msg.in .body img').count()).resolves.toBe(0);

    // An internal note never reaches the debtor.
    await page.getByLabel('Internal note (the debtor never sees it)').fill('Prefiere pagar el viernes');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.locator('.notes', { hasText: 'Prefiere pagar el viernes' }).waitFor();
    await waitForPipelineIdle(service.database.db);
    expect(toMaria().some((b) => b.includes('viernes'))).toBe(false);
    if (screenshotDir) {
      await page.locator('details.why').nth(2).locator('summary').click();
      await page.screenshot({ path: `${screenshotDir}/conversation.png`, fullPage: true });
    }

    await page.getByLabel('Hand back to the bot at').selectOption('menu');
    await expect(page.locator('form', { hasText: 'Hand back' }).textContent()).resolves.toContain('The debtor is told the assistant is back.');
    await page.getByRole('button', { name: 'Hand back' }).click();
    await expect(page.locator('#control-status').textContent()).resolves.toBe('With the bot');
    // She wrote a minute ago: she is told the assistant is back (through the outbox and the gate, as a reply).
    await fake.waitForMessage((m) => m.to === `whatsapp:${mariaPhone}` && m.body.startsWith('Gracias por tu paciencia. Desde ahora te atiende de nuevo el asistente virtual'), 30_000);
    const beforeBot = toMaria().length;
    await debtorWrites('cuánto debo');
    expect(toMaria().slice(beforeBot)[0]).toMatch(/^Tu saldo pendiente con Banco Andino es de \$\s1\.250\.000/);
  }, 240_000);

  it('decides an out-of-policy request in the console, and the debtor hears the outcome', async () => {
    await debtorWrites('Hi', samPhone);
    await debtorWrites('1357', samPhone);
    await debtorWrites('I can pay 10 a month', samPhone);
    await debtorWrites('5 a month', samPhone);
    const page = await signInPage('ana@example.com');
    await page.getByRole('link', { name: 'Approvals' }).click();
    const request = page.locator('article.approval', { hasText: 'Sam Lee' });
    await request.waitFor();
    await expect(request.textContent()).resolves.toContain('PLAN.BELOW_MIN_INSTALLMENT');
    await expect(request.textContent()).resolves.toContain('5 a month');
    await request.getByLabel(/Note/).fill('Hardship confirmed by phone');
    await request.getByRole('button', { name: 'Approve' }).click();
    await page.getByText('Approved: the debtor is being told.').waitFor();
    await fake.waitForMessage((m) => m.to === `whatsapp:${samPhone}` && /A supervisor approved your request/.test(m.body), 30_000);
    const approvals = await service.database.db.selectFrom('approvalRequests').select(['status', 'decidedBy']).execute();
    expect(approvals).toEqual([{ status: 'approved', decidedBy: 'console:ana@example.com' }]);
  }, 180_000);

  it('shows the results of the period with charts drawn by chart.js under the strict CSP, and exports CSV', async () => {
    const page = await signInPage('ana@example.com');
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    await page.getByRole('link', { name: 'Results' }).click();
    await page.getByRole('heading', { name: 'Results', exact: true }).waitFor();
    const contacted = page.locator('.figure', { hasText: 'Debtors contacted' }).locator('.value');
    await expect(contacted.textContent()).resolves.toBe('2');
    await expect.poll(() => page.evaluate(() => Boolean((window as unknown as { Chart?: { getChart(id: string): unknown } }).Chart?.getChart('funnel-chart')))).toBe(true);
    await page.locator('table').getByRole('rowheader', { name: 'Lakeside Credit Union' }).waitFor();
    expect(problems).toEqual([]);
    if (screenshotDir) await page.screenshot({ path: `${screenshotDir}/results.png`, fullPage: true });
    const csv = await page.request.get(`${service.url}/console/results.csv?by=channel`);
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect(await csv.text()).toMatch(/^section,key,contacted/);
  }, 120_000);

  // Reads María's conversation from the first test.
  it('lets a viewer read with personal data masked but not take over, and refuses a request without the CSRF token', async () => {
    const page = await signInPage('vic@example.com', { width: 390, height: 844 });
    await page.goto(`${service.url}/console/inbox?tab=bot`);
    const link = page.locator('#inbox-list a', { hasText: 'M•••' });
    await expect(link.textContent()).resolves.not.toContain('María');
    await link.click();
    const bodies = await page.locator('.msg.in .body').allTextContents();
    expect(bodies.join(' ')).not.toMatch(/1234|María|Restrepo/);
    // '1234' was stored masked (a verification answer), digit for digit.
    expect(bodies).toContain('••••');
    await page.getByText('Viewers can read but not act').waitFor();
    await expect(page.getByRole('button', { name: 'Take over' }).count()).resolves.toBe(0);
    const html = await page.content();
    expect(html).not.toContain('Restrepo');
    expect(html).not.toContain('3001112233');
    expect(html).not.toMatch(/>1234</);
    const csrf = await page.locator('meta[name="csrf-token"]').getAttribute('content');
    const conversationUrl = page.url();
    const asViewer = await page.request.post(`${conversationUrl}/take`, { form: { _csrf: csrf ?? '' }, maxRedirects: 0 });
    expect(asViewer.status()).toBe(403);

    const supervisor = await signInPage('ana@example.com');
    const noToken = await supervisor.request.post(`${conversationUrl}/take`, { form: {}, maxRedirects: 0 });
    expect(noToken.status()).toBe(403);
    await expect(noToken.text()).resolves.toContain('missing CSRF token');
  }, 120_000);
});
