import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { RunningService } from '../../src/main';
import { buildTwilioFakeEnv } from '../fakes/buildTwilioFakeEnv';
import { startFakeOpenAi } from '../fakes/fakeOpenAi';
import type { FakeOpenAi, FakeReply, RecordedRequest } from '../fakes/fakeOpenAi';
import { startFakeTwilioApi } from '../fakes/fakeTwilioApi';
import type { FakeTwilioApi } from '../fakes/fakeTwilioApi';
import { importPortfolioCsv } from '../fakes/importPortfolioCsv';
import { readPortfolioFixture } from '../fakes/readPortfolioFixture';
import { postSignedInbound } from '../fakes/postSignedInbound';
import { startTestService } from '../fakes/startTestService';
import { waitForPipelineIdle } from '../fakes/waitForPipelineIdle';

/**
 * The LLM layer end to end: the running service (startService) with the real LangChain/OpenAI client pointed at a
 * local OpenAI-compatible fake and the real Twilio client pointed at the Twilio fake. The fake model is scripted
 * per test: what it answers to interpretation requests and to rewording requests.
 */

const whatsappFrom = 'whatsapp:+14155238886';
const budgetMs = 1500;
const adminToken = 'e2e-llm-admin-token-0123456789';

const requestSchema = z.object({ messages: z.array(z.object({ role: z.string(), content: z.string().nullable() })) });

type Responder = (data: string) => FakeReply;
const json = (body: unknown): FakeReply => ({ kind: 'json', body });
const interpretation = (intent: string, extra: Record<string, unknown> = {}) =>
  json({ intent, confidence: 0.93, amount_minor: null, currency: null, date: null, count: null, frequency: null, identifier: null, ...extra });
const lowConfidence = () => interpretation('unknown', { confidence: 0.1 });
const echo: Responder = (template) => json({ text: template });

let interpret: Responder = lowConfidence;
let reword: Responder = echo;

/** Routes each request by the data block it carries: a debtor message to interpret, or a template to reword. */
function scriptedModel(request: RecordedRequest): FakeReply {
  const parsed = requestSchema.safeParse(request.body);
  const user = parsed.success ? (parsed.data.messages.find((m) => m.role === 'user')?.content ?? '') : '';
  const debtor = /<debtor_message>\n([\s\S]*)\n<\/debtor_message>/.exec(user);
  if (debtor?.[1] !== undefined) return interpret(debtor[1]);
  const template = /<template>\n([\s\S]*)\n<\/template>/.exec(user);
  if (template?.[1] !== undefined) return reword(template[1]);
  return { kind: 'status', status: 400 };
}

let twilio: FakeTwilioApi;
let model: FakeOpenAi;
let service: RunningService;
let nextPhone = 0;
const phones: string[] = [];

beforeAll(async () => {
  twilio = await startFakeTwilioApi();
  model = await startFakeOpenAi(scriptedModel);
  service = await startTestService({
    ...buildTwilioFakeEnv(twilio, whatsappFrom),
    OPENAI_API_KEY: 'sk-test-not-a-real-key',
    OPENAI_BASE_URL: model.baseUrl,
    LLM_TIMEOUT_MS: String(budgetMs),
    LLM_REWORD: 'true',
    API_TOKENS: `${adminToken}:admin`,
  });
}, 120_000);

afterAll(async () => {
  await service?.stop();
  await model?.close();
  await twilio?.close();
});

/** A new debtor like María (tests/fixtures/portfolio/maria.csv), imported through the API with a phone of its own. */
async function newDebtor(): Promise<string> {
  nextPhone += 1;
  const phone = `+5730055500${String(nextPhone).padStart(2, '0')}`;
  phones.push(phone);
  const csv = await readPortfolioFixture('maria.csv', [{ external_id: `e2e-llm-${nextPhone}`, account_id: `E2E-LLM-${nextPhone}`, phone }]);
  await importPortfolioCsv(service.url, adminToken, csv);
  return phone;
}

/** Sends one signed WhatsApp message, waits until the pipeline is idle, and returns the replies it produced. */
async function say(phone: string, body: string): Promise<string[]> {
  const before = twilio.messages.length;
  expect(await postSignedInbound(service.url, { authToken: twilio.authToken, accountSid: twilio.accountSid, from: `whatsapp:${phone}`, to: whatsappFrom, body })).toBe(200);
  await waitForPipelineIdle(service.database.db, 60_000);
  return twilio.messages.slice(before).filter((m) => m.to === `whatsapp:${phone}`).map((m) => m.body);
}

/** A debtor who has said hello and proved who they are: the conversation sits in the menu. */
async function verifiedDebtor(): Promise<string> {
  const phone = await newDebtor();
  await say(phone, 'Hola');
  const verified = await say(phone, '1234');
  expect(verified.join('\n')).toMatch(/confirmé tu identidad/);
  return phone;
}

async function auditOf(phone: string, code: string) {
  return service.database.db
    .selectFrom('auditEvents')
    .innerJoin('conversations', 'conversations.id', 'auditEvents.conversationId')
    .select(['auditEvents.code', 'auditEvents.data'])
    .where('conversations.address', '=', phone)
    .where('auditEvents.code', '=', code)
    .orderBy('auditEvents.seq')
    .execute();
}

function interpretRequests(): number {
  return model.requests.filter((r) => r.raw.includes('<debtor_message>')).length;
}

const unclear = 'y lo de la cifra esa?';
const menuHint = /No te entendí bien/;
const balance = /Tu saldo pendiente con Banco Andino es de \$\s1\.250\.000/;

describe('LLM assistance under strict guardrails, through the running service', () => {
  it('(a) answers a message the rules cannot understand when the model interprets it', async () => {
    const phone = await verifiedDebtor();
    interpret = (text) => (text.includes('cifra') ? interpretation('ask_balance') : lowConfidence());
    const replies = await say(phone, unclear);
    expect(replies[0]).toMatch(balance);
    interpret = lowConfidence;
  }, 120_000);

  it.each<[string, Responder]>([
    ['the model is down (HTTP 500)', () => ({ kind: 'status', status: 500 })],
    ['the model is slower than the budget', () => ({ kind: 'slow', delayMs: budgetMs * 6, reply: interpretation('ask_balance') })],
    ['the model answers invalid JSON', () => ({ kind: 'text', content: '{"intent": "ask_bal' })],
    ['the model answers an intent outside the enum', () => interpretation('grant_discount')],
    ['the model invents an amount the debtor never wrote', () => interpretation('propose_amount', { amount_minor: 12_500_000 })],
  ])('(b) gives the rules-path answer when %s', async (_name, responder) => {
    const phone = await verifiedDebtor();
    interpret = responder;
    const asked = interpretRequests();
    const replies = await say(phone, unclear);
    interpret = lowConfidence;
    expect(interpretRequests()).toBe(asked + 1);
    expect(replies, replies.join(" | ")).toHaveLength(1);
    expect(replies[0]).toMatch(menuHint);
  }, 120_000);

  it('(b) gives the rules-path answer when the model reads an amount other than the one written', async () => {
    const phone = await verifiedDebtor();
    interpret = () => interpretation('propose_amount', { amount_minor: 12_500_000 });
    const asked = interpretRequests();
    const replies = await say(phone, 'uff no sé, tal vez con 300 mil');
    interpret = lowConfidence;
    expect(interpretRequests()).toBe(asked + 1);
    expect(replies, replies.join(' | ')).toHaveLength(1);
    expect(replies[0]).toMatch(menuHint);
  }, 120_000);

  it('(c) sends a rewording that keeps every figure, and the template verbatim when one changes an amount or adds a threat', async () => {
    const phone = await verifiedDebtor();
    const verbatim = await say(phone, 'mi saldo');
    expect(verbatim[0]).toMatch(balance);

    reword = (template) => json({ text: `Con gusto te cuento. ${template}` });
    const friendly = await say(phone, 'mi saldo');
    expect(friendly).toEqual(verbatim.map((text) => `Con gusto te cuento. ${text}`));
    // The transcript keeps what the debtor actually got.
    const stored = await service.database.db
      .selectFrom('messages')
      .innerJoin('conversations', 'conversations.id', 'messages.conversationId')
      .select('messages.body')
      .where('conversations.address', '=', phone)
      .where('messages.direction', '=', 'out')
      .orderBy('messages.position', 'desc')
      .limit(friendly.length)
      .execute();
    expect(stored.map((m) => m.body).reverse()).toEqual(friendly);

    reword = (template) => json({ text: template.replace('1.250.000', '1.150.000') });
    expect(await say(phone, 'mi saldo')).toEqual(verbatim);
    reword = (template) => json({ text: `${template} Si no pagas hoy llamaremos a tu empleador.` });
    expect(await say(phone, 'mi saldo')).toEqual(verbatim);
    reword = () => ({ kind: 'status', status: 503 });
    expect(await say(phone, 'mi saldo')).toEqual(verbatim);
    reword = echo;

    const failures = await auditOf(phone, 'LLM.REWORD_FAILED');
    const violations = failures.flatMap((f) => z.object({ violations: z.array(z.string()) }).parse(f.data).violations);
    expect(violations).toContain('REWORD.AMOUNT_MISMATCH');
    expect(violations).toContain('REWORD.THREAT');
    expect(violations).toContain('LLM.HTTP_ERROR');
    for (const failure of failures) {
      expect(failure.data).toMatchObject({ prompt: { id: 'reword', version: 'v1' }, template: expect.any(String) });
      // Codes and the prompt version only: no message text in the audit.
      expect(JSON.stringify(failure.data)).not.toMatch(/saldo|Banco Andino|1\.250\.000|María/);
    }
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    expect(metrics).toMatch(/llm_reword_failures_total\{code="REWORD.AMOUNT_MISMATCH"\} [1-9]/);
    expect(metrics).toMatch(/llm_reword_failures_total\{code="REWORD.THREAT"\} [1-9]/);
  }, 180_000);

  it('(c) a send retried after a Twilio error keeps the stored rewording and does not ask the model again', async () => {
    const phone = await verifiedDebtor();
    reword = (template) => json({ text: `Con gusto te cuento. ${template}` });
    const rewordRequests = () => model.requests.filter((r) => r.raw.includes('<template>')).length;
    const before = rewordRequests();
    twilio.failNext(1, 500);
    const replies = await say(phone, 'mi saldo');
    reword = echo;
    expect(replies[0]).toMatch(/^Con gusto te cuento\. Tu saldo pendiente/);
    expect(replies.every((r) => r.startsWith('Con gusto te cuento.'))).toBe(true);
    expect(twilio.requests.some((r) => r.status === 500)).toBe(true);
    expect(rewordRequests() - before).toBe(replies.length);
  }, 120_000);

  it('(d) the model never receives raw personal data: names, phones or documents', async () => {
    const phone = await verifiedDebtor();
    interpret = (text) => (text.includes('cómo va') ? interpretation('ask_balance') : lowConfidence());
    const replies = await say(phone, 'soy María Restrepo, cédula 1023456789, cel 3001112233, y lo mío cómo va');
    interpret = lowConfidence;
    expect(replies[0]).toMatch(balance);

    const raw = model.requests.map((r) => r.raw);
    expect(raw.some((r) => r.includes('<debtor_message>') && r.includes('[NAME_1]') && r.includes('[DOC_1]') && r.includes('[PHONE_1]'))).toBe(true);
    // Greetings and thanks were reworded with the name as a placeholder.
    expect(raw.some((r) => r.includes('<template>') && r.includes('Hola, [NAME_1].'))).toBe(true);
    const secrets = ['María', 'Maria', 'Restrepo', '1023456789', '3001112233', ...phones, ...phones.map((p) => p.slice(3))];
    for (const body of raw) for (const secret of secrets) expect(body).not.toContain(secret);
  }, 120_000);
});
