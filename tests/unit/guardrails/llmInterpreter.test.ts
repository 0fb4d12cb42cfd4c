import { FakeListChatModel } from '@langchain/core/utils/testing';
import { describe, expect, it } from 'vitest';
import { createLlmFromChatModel } from '../../../src/adapters/llm/createLlmFromChatModel';
import { createLlmInterpreter } from '../../../src/adapters/llm/createLlmInterpreter';
import { createRewriter } from '../../../src/adapters/llm/createRewriter';
import { loadPrompts } from '../../../src/adapters/llm/loadPrompts';
import { recognize } from '../../../src/core/nlu/recognize';
import type { NluContext } from '../../../src/core/nlu/types';

const prompts = loadPrompts('prompts');
const clock = { now: () => new Date('2026-12-01T15:00:00Z') };
const ctx: NluContext = {
  locale: 'es-CO',
  timeZone: 'America/Bogota',
  now: new Date('2026-12-01T15:00:00Z'),
  currency: 'COP',
  expected: { intents: ['promise_to_pay', 'propose_amount', 'request_plan', 'cant_pay'] },
};
const answer = (fields: Record<string, unknown>): string =>
  JSON.stringify({ intent: 'unknown', confidence: 0.9, amount_minor: null, currency: null, date: null, count: null, frequency: null, identifier: null, ...fields });
const llmWith = (responses: string[], sleep?: number) =>
  createLlmFromChatModel(new FakeListChatModel({ responses, ...(sleep ? { sleep } : {}) }), {
    prompts,
    modelName: 'fake-list',
    method: 'jsonText',
    timeoutMs: 1000,
    maxCallsPerConversation: 2,
  });

describe('createLlmInterpreter with LangChain fake chat models', () => {
  it('lets the model decide when the rules do not understand, and records the prompt version', async () => {
    const interpret = createLlmInterpreter({ llm: llmWith([answer({ intent: 'request_plan', confidence: 0.92 })]), rules: recognize, budgetMs: 2000, clock });
    const result = await interpret('uf, la verdad este mes está durísimo, ¿habrá forma de partirlo?', ctx);
    expect(result.intent).toBe('request_plan');
    expect(result.trace).toMatchObject({ outcome: 'OK', llmCalled: true, prompt: { id: 'interpret', version: 'v1' } });
  });

  it('falls back to the rules on malformed JSON, an intent outside the state, or a slow model', async () => {
    const text = 'hmm no sé qué decirte';
    const rules = recognize(text, ctx);
    // Generous budgets except for the slow model, so a busy machine cannot turn a parse error into a timeout.
    const cases: Array<[ReturnType<typeof llmWith>, number, string]> = [
      [llmWith(['{"intent": "request_plan", ']), 10_000, 'LLM.INVALID_JSON'],
      [llmWith([answer({ intent: 'grant_discount' })]), 10_000, 'LLM.OUT_OF_ENUM'],
      [llmWith([answer({ intent: 'request_plan' })], 20_000), 200, 'LLM.TIMEOUT'],
      [llmWith([answer({ intent: 'request_plan', confidence: 7 })]), 10_000, 'LLM.INVALID_OUTPUT'],
    ];
    for (const [llm, budgetMs, code] of cases) {
      const result = await createLlmInterpreter({ llm, rules: recognize, budgetMs, clock })(text, ctx);
      expect(result.trace.outcome).toBe(code);
      expect(result.intent).toBe(rules.intent);
    }
  });

  it('stops calling the model at the per-conversation limit and runs on rules alone without a model', async () => {
    const interpret = createLlmInterpreter({ llm: llmWith([answer({ intent: 'request_plan' })]), rules: recognize, budgetMs: 2000, clock });
    expect((await interpret('hola?', ctx, { llmCallsSoFar: 2 })).trace).toMatchObject({ outcome: 'LLM.CALL_LIMIT', llmCalled: false });
    const rulesOnly = createLlmInterpreter({ llm: null, rules: recognize, budgetMs: 2000, clock });
    expect((await rulesOnly('quiero pagar en cuotas', ctx)).trace.outcome).toBe('LLM.DISABLED');
  });
});

describe('createRewriter with LangChain fake chat models', () => {
  const request = { key: 'balance', text: 'Tu saldo pendiente es de $ 1.250.000, con vencimiento el 15 de diciembre de 2026.', locale: 'es-CO', channel: 'sms' };

  it('uses a faithful rewording', async () => {
    const reword = createRewriter({ llm: llmWith([JSON.stringify({ text: 'Hola: tu saldo es de $ 1.250.000 y vence el 15 de diciembre de 2026.' })]), budgetMs: 2000 });
    expect(await reword(request)).toMatchObject({ source: 'llm', violations: [], text: 'Hola: tu saldo es de $ 1.250.000 y vence el 15 de diciembre de 2026.' });
  });

  it('sends the template verbatim with the violation codes when the rewording changes a figure or threatens', async () => {
    const reword = createRewriter({ llm: llmWith([JSON.stringify({ text: 'Tu saldo es de $ 125.000 y vence el 15 de diciembre de 2026 o llamamos a la policía.' })]), budgetMs: 2000 });
    const result = await reword(request);
    expect(result).toMatchObject({ source: 'template', text: request.text });
    expect(result.violations).toEqual(expect.arrayContaining(['REWORD.AMOUNT_MISMATCH', 'REWORD.THREAT']));
  });
});
