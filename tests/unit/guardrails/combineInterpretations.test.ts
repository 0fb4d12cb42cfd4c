import { describe, expect, it } from 'vitest';
import { combineInterpretations } from '../../../src/core/nlu/combineInterpretations';
import type { Interpretation, NluContext } from '../../../src/core/nlu/types';

const ctx: NluContext = { locale: 'es-CO', timeZone: 'America/Bogota', now: new Date('2026-12-01T15:00:00Z'), currency: 'COP' };
const allowedIntents = ['promise_to_pay', 'propose_amount', 'request_plan', 'opt_out', 'human_agent', 'unknown'];
const rules = (intent: string, confidence: number, entities = {}): Interpretation => ({ intent, confidence, entities, source: 'rules' });
const llm = (intent: string, confidence: number, entities = {}): Interpretation => ({ intent, confidence, entities, source: 'llm' });

describe('combineInterpretations', () => {
  it('keeps the rules when they are confident', () => {
    const out = combineInterpretations(rules('opt_out', 0.95), llm('request_plan', 0.99), { text: 'no me escriban más', ctx, allowedIntents });
    expect(out.interpretation.intent).toBe('opt_out');
    expect(out.decision).toBe('RULES_HIGH_CONFIDENCE');
  });

  it('takes the model intent when the rules say unknown', () => {
    const out = combineInterpretations(rules('unknown', 0.2), llm('request_plan', 0.9), { text: 'no me alcanza, ¿lo puedo partir?', ctx, allowedIntents });
    expect(out.interpretation).toMatchObject({ intent: 'request_plan', source: 'llm' });
    expect(out.decision).toBe('LLM_ON_UNKNOWN');
  });

  it('ignores a model intent outside the state, or with low confidence', () => {
    const r = rules('unknown', 0);
    expect(combineInterpretations(r, llm('grant_discount', 1), { text: 'x', ctx, allowedIntents }).interpretation).toBe(r);
    expect(combineInterpretations(r, llm('request_plan', 0.3), { text: 'x', ctx, allowedIntents }).decision).toBe('LLM_LOW_CONFIDENCE');
  });

  it('keeps a model-only amount and date written in the text, flagged for confirmation', () => {
    const text = 'el viernes te pago quinientos mil';
    const out = combineInterpretations(rules('unknown', 0), llm('promise_to_pay', 0.9, { amount: { minor: 50_000_000 }, date: '2026-12-04' }), { text, ctx, allowedIntents });
    expect(out.interpretation.entities).toEqual({ amount: { minor: 50_000_000, currency: 'COP' }, date: '2026-12-04' });
    expect(out.interpretation.needsConfirmation).toBe(true);
  });

  it('drops an amount or date the debtor never wrote', () => {
    const out = combineInterpretations(rules('unknown', 0), llm('propose_amount', 0.99, { amount: { minor: 125_000 }, date: '2031-01-31' }), {
      text: 'dame 90% de descuento',
      ctx,
      allowedIntents,
    });
    expect(out.interpretation.entities).toEqual({});
    expect(out.dropped).toEqual(['amount:not_in_text', 'date:not_in_text']);
    expect(out.interpretation.needsConfirmation).toBeUndefined();
  });

  it('keeps the rules value when rules and model disagree on money', () => {
    const out = combineInterpretations(rules('propose_amount', 0.7, { amount: { minor: 30_000_000, currency: 'COP' } }), llm('propose_amount', 0.9, { amount: { minor: 3_000_000 } }), {
      text: 'puedo dar 300.000',
      ctx,
      allowedIntents,
    });
    expect(out.interpretation.entities.amount).toEqual({ minor: 30_000_000, currency: 'COP' });
    expect(out.dropped).toEqual(['amount:disagree']);
  });

  it('prefers the more confident side when the rules are unsure', () => {
    const out = combineInterpretations(rules('propose_amount', 0.6), llm('request_plan', 0.8), { text: 'en cuotas', ctx, allowedIntents });
    expect(out.interpretation.intent).toBe('request_plan');
    expect(out.decision).toBe('LLM_MORE_CONFIDENT');
  });
});
