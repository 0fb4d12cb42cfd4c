import { describe, expect, it } from 'vitest';
import { CANONICAL_INTENTS } from '../../../src/core/nlu/intents';
import { recognize, UNKNOWN_THRESHOLD } from '../../../src/core/nlu/recognize';
import type { NluContext } from '../../../src/core/nlu/types';

const now = new Date('2026-11-23T15:00:00Z');
const es: NluContext = { locale: 'es-CO', timeZone: 'America/Bogota', now, currency: 'COP' };
const en: NluContext = { locale: 'en-US', timeZone: 'America/New_York', now, currency: 'USD' };

const CASES: ReadonlyArray<[string, string, string]> = [
  ['greet', 'Buenas tardes', 'good morning'],
  ['ask_balance', 'cuanto debo?', 'how much do I owe'],
  ['pay_now', 'mandame el link de pago', 'I want to pay now'],
  ['promise_to_pay', 'el viernes le pago', "I'll pay on Friday"],
  ['request_plan', 'puedo pagar en cuotas?', 'can I pay in installments'],
  ['propose_amount', 'puedo dar 50 mil', 'I can do $40'],
  ['cant_pay', 'no tengo plata', "I can't pay"],
  ['already_paid', 'ya le consigné', 'I already paid'],
  ['dispute', 'esa deuda no es mia', 'this is not my debt'],
  ['wrong_person', 'número equivocado', 'wrong number'],
  ['human_agent', 'quiero hablar con un asesor', 'talk to a human'],
  ['opt_out', 'no me escriban más', 'stop texting me'],
  ['affirm', 'dale 👍', 'sounds good'],
  ['deny', 'no gracias', 'nope'],
  ['help', 'no entiendo', 'who is this'],
  ['thanks', 'muchas gracias 🙏', 'thank you'],
  ['provide_info', 'mi cedula es 1023456789', 'my last four are 1234'],
  ['abuse', 'hijueputas ladrones 🤬', 'fuck you'],
  ['unknown', 'jajaja', 'lol'],
];

describe('recognize', () => {
  it('covers every canonical intent in these cases', () => {
    expect(new Set(CASES.map(([intent]) => intent))).toEqual(new Set(CANONICAL_INTENTS));
  });

  it.each(CASES)('%s: Spanish "%s" and English "%s"', (intent, spanish, english) => {
    expect(recognize(spanish, es).intent).toBe(intent);
    expect(recognize(english, en).intent).toBe(intent);
  });

  it('returns rules as the source and a confidence in [0, 1]', () => {
    for (const [, spanish, english] of CASES) {
      for (const r of [recognize(spanish, es), recognize(english, en)]) {
        expect(r.source).toBe('rules');
        expect(r.confidence).toBeGreaterThanOrEqual(0);
        expect(r.confidence).toBeLessThanOrEqual(1);
      }
    }
  });

  it('carries entities with the intent', () => {
    expect(recognize('el sábado le pago 200 mil', es)).toMatchObject({
      intent: 'promise_to_pay',
      entities: { date: '2026-11-28', amount: { minor: 20_000_000, currency: 'COP' } },
    });
    expect(recognize('quiero pagar en 6 cuotas mensuales', es)).toMatchObject({
      intent: 'request_plan',
      entities: { count: 6, frequency: 'monthly' },
    });
    expect(recognize('solo tengo 100 soles', { ...es, locale: 'es-PE', currency: 'PEN' }).entities.amount).toEqual({ minor: 10_000, currency: 'PEN' });
  });

  it('answers unknown below the threshold and keeps a low confidence', () => {
    for (const text of ['jajaja', 'el perro se comio mis zapatos', 'asdfgh', '?']) {
      const r = recognize(text, es);
      expect(r.intent).toBe('unknown');
      expect(r.confidence).toBeLessThan(UNKNOWN_THRESHOLD);
    }
    // A bare number with no hint is weak evidence of an offer: below the threshold.
    expect(recognize('tal vez 300', es).intent).toBe('unknown');
  });

  it('uses the expected entity as a hint', () => {
    expect(recognize('1234', { ...es, expected: { entity: 'identifier' } })).toMatchObject({
      intent: 'provide_info',
      entities: { identifier: '1234' },
    });
    expect(recognize('1234', { ...es, expected: { entity: 'amount' } })).toMatchObject({
      intent: 'propose_amount',
      entities: { amount: { minor: 123_400, currency: 'COP' } },
    });
    expect(recognize('tal vez 300', { ...es, expected: { entity: 'amount' } }).intent).toBe('propose_amount');
    expect(recognize('creo que es 98765432', { ...es, expected: { entity: 'identifier' } })).toMatchObject({
      intent: 'provide_info',
      entities: { identifier: '98765432' },
    });
    expect(recognize('el viernes', { ...es, expected: { entity: 'date' } })).toMatchObject({
      intent: 'promise_to_pay',
      entities: { date: '2026-11-27' },
    });
  });

  it('reads a birth date in words as the verification answer, not a payment date (issue 12)', () => {
    const asked = { entity: 'identifier' as const };
    for (const [ctx, text, iso] of [
      [es, '30 de septiembre del 90', '1990-09-30'],
      [es, 'treinta de septiembre de 1990', '1990-09-30'],
      [{ ...es, locale: 'es-MX', timeZone: 'America/Mexico_City' }, 'el 5 de mayo del 88', '1988-05-05'],
      [en, 'september 30th 1990', '1990-09-30'],
    ] as const) {
      for (const expected of [undefined, asked]) {
        const result = recognize(text, expected ? { ...ctx, expected } : ctx);
        expect(result, text).toMatchObject({ intent: 'provide_info', entities: { identifier: iso } });
        expect(result.entities.date, text).toBeUndefined();
      }
    }
  });

  it('uses the intents the state accepts to break near-ties, not to override clear messages', () => {
    const plain = recognize('listo, ya pague', es);
    expect(plain.intent).toBe('already_paid');
    const hinted = recognize('listo, ya pague', { ...es, expected: { intents: ['affirm', 'deny'] } });
    expect(hinted.intent).toBe('already_paid');
    // "hola, info": a weak greeting and a weak request for help; the state's expectation decides, and without
    // one the statistical classifier the rules consult when unsure does.
    expect(recognize('hola, info', es).intent).toBe('greet');
    expect(recognize('hola, info', { ...es, expected: { intents: ['greet'] } }).intent).toBe('greet');
    expect(recognize('hola, info', { ...es, expected: { intents: ['help'] } }).intent).toBe('help');
  });

  it('lets stronger signals win inside one message', () => {
    expect(recognize('no puedo pagar', es).intent).toBe('cant_pay');
    expect(recognize('hola, quiero pagar', es).intent).toBe('pay_now');
    expect(recognize('no gracias', es).intent).toBe('deny');
    expect(recognize('no soy la persona que buscan', es).intent).toBe('wrong_person');
    expect(recognize('STOP', en).intent).toBe('opt_out');
    expect(recognize('BAJA', { ...es, locale: 'es-ES', currency: 'EUR' }).intent).toBe('opt_out');
  });
});
