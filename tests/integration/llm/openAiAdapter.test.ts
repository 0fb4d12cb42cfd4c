import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLlm } from '../../../src/adapters/llm/createLlm';
import { createLlmInterpreter } from '../../../src/adapters/llm/createLlmInterpreter';
import { createRewriter } from '../../../src/adapters/llm/createRewriter';
import { parseConfig } from '../../../src/config';
import { recognize } from '../../../src/core/nlu/recognize';
import type { NluContext } from '../../../src/core/nlu/types';
import { createSystemClock } from '../../../src/ports/clock';
import { startFakeOpenAi } from '../../fakes/fakeOpenAi';
import type { FakeOpenAi } from '../../fakes/fakeOpenAi';

const ctx: NluContext = {
  locale: 'es-CO',
  timeZone: 'America/Bogota',
  now: new Date('2026-12-01T15:00:00Z'),
  currency: 'COP',
  expected: { intents: ['promise_to_pay', 'propose_amount', 'request_plan', 'cant_pay'] },
};
const good = { intent: 'promise_to_pay', confidence: 0.9, amount_minor: 50_000_000, currency: null, date: '2026-12-15', count: null, frequency: null, identifier: null };
const vague = 'mmm ya veremos, quizás el 15 de diciembre con 500.000';

let fake: FakeOpenAi;
beforeAll(async () => {
  fake = await startFakeOpenAi();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.requests.length = 0;
});

function llmFor(env: Record<string, string> = {}) {
  const parsed = parseConfig({ OPENAI_API_KEY: 'sk-test-not-real', OPENAI_BASE_URL: fake.baseUrl, LLM_TIMEOUT_MS: '10000', ...env });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return createLlm(parsed.config);
}

describe('LLM adapter through the real LangChain ChatOpenAI client and a local OpenAI-compatible server', () => {
  it('returns null and logs when no API key is configured', () => {
    const parsed = parseConfig({});
    if (!parsed.ok) throw new Error('config');
    const lines: string[] = [];
    expect(createLlm(parsed.config, { logger: { info: (_data, message) => void lines.push(message) } })).toBeNull();
    expect(lines.join()).toBe('LLM off: rules NLU only');
  });

  it('sends a strict JSON schema whose intent enum is the allowed intents, with the debtor text as a separate user message', async () => {
    fake.enqueue({ kind: 'json', body: good });
    const interpret = createLlmInterpreter({ llm: llmFor(), rules: recognize, budgetMs: 10_000, clock: createSystemClock(), callLlmWhenRulesConfident: true });
    const result = await interpret(vague, ctx);
    expect(result.trace.outcome).toBe('OK');
    expect(result.entities).toMatchObject({ amount: { minor: 50_000_000 }, date: '2026-12-15' });
    const body = JSON.parse(fake.requests[0]?.raw ?? '{}');
    expect(body.response_format.json_schema.strict).toBe(true);
    expect(body.response_format.json_schema.schema.properties.intent.enum).toEqual(['promise_to_pay', 'propose_amount', 'request_plan', 'cant_pay', 'opt_out', 'human_agent', 'help', 'wrong_person', 'abuse', 'unknown']);
    expect(body.messages[0].role).toBe('system');
    expect(body.messages[0].content).not.toContain('ya veremos');
    expect(body.messages[1]).toMatchObject({ role: 'user', content: expect.stringContaining('<debtor_message>') });
  });

  it.each([
    [{ kind: 'text', content: '{"intent": ' }, 'LLM.INVALID_JSON'],
    [{ kind: 'json', body: { ...good, intent: 'waive_debt' } }, 'LLM.OUT_OF_ENUM'],
    [{ kind: 'json', body: { ...good, amount_minor: 12.5 } }, 'LLM.INVALID_OUTPUT'],
    [{ kind: 'status', status: 500 }, 'LLM.HTTP_ERROR'],
    [{ kind: 'status', status: 429 }, 'LLM.RATE_LIMITED'],
  ] as const)('answers with the rules when the server replies %j', async (reply, code) => {
    fake.enqueue(reply);
    const interpret = createLlmInterpreter({ llm: llmFor(), rules: recognize, budgetMs: 10_000, clock: createSystemClock(), callLlmWhenRulesConfident: true });
    const result = await interpret(vague, ctx);
    expect(result.trace.outcome).toBe(code);
    expect(result).toMatchObject({ intent: recognize(vague, ctx).intent, entities: recognize(vague, ctx).entities });
    expect(fake.requests).toHaveLength(1);
  });

  it('gives up on a slow server at the budget and answers with the rules', async () => {
    fake.enqueue({ kind: 'slow', delayMs: 30_000, reply: { kind: 'json', body: good } });
    const interpret = createLlmInterpreter({ llm: llmFor(), rules: recognize, budgetMs: 300, clock: createSystemClock(), callLlmWhenRulesConfident: true });
    const result = await interpret(vague, ctx);
    expect(result.trace.outcome).toBe('LLM.TIMEOUT');
    expect(result.intent).toBe(recognize(vague, ctx).intent);
  });

  it('never sends raw personal data to the model, and restores it in what comes back', async () => {
    const secrets = ['María', 'Gómez', '1.023.456.789', '300 123 4567', 'maria.gomez@gmail.com', 'Calle 45 # 12-30', 'acc-co-1234'];
    const text = 'Soy María Gómez, cédula 1.023.456.789, cel +57 300 123 4567, maria.gomez@gmail.com, Calle 45 # 12-30, cuenta acc-co-1234. ¿Qué hago?';
    fake.setHandler((request) => ({ kind: 'json', body: request.raw.includes('interpretation') ? { ...good, intent: 'unknown', amount_minor: null, date: null } : { text: 'Hola [NAME_1], tu cuenta [ACCOUNT_1] está al día.' } }));
    const llm = llmFor();
    const interpret = createLlmInterpreter({ llm, rules: recognize, budgetMs: 10_000, clock: createSystemClock(), callLlmWhenRulesConfident: true });
    await interpret(text, ctx, { knownNames: ['María', 'Gómez'], knownAccounts: ['acc-co-1234'] });
    const reword = createRewriter({ llm, budgetMs: 10_000 });
    const result = await reword({ key: 'status', text: 'María, tu cuenta acc-co-1234 está al día.', values: { debtor: { firstName: 'María' } }, locale: 'es-CO', channel: 'whatsapp' }, { knownAccounts: ['acc-co-1234'] });
    expect(fake.requests).toHaveLength(2);
    for (const request of fake.requests) {
      const decoded = JSON.stringify(JSON.parse(request.raw));
      for (const secret of secrets) expect(decoded).not.toContain(secret);
    }
    expect(result).toMatchObject({ source: 'llm', text: 'Hola María, tu cuenta acc-co-1234 está al día.' });
  });
});
