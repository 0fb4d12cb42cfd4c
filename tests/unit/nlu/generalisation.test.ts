import { describe, expect, it } from 'vitest';
import { createFormatterCache } from '../../../src/core/nlu/createFormatterCache';
import { createRecognizer } from '../../../src/core/nlu/createRecognizer';
import { recognize } from '../../../src/core/nlu/recognize';
import type { NluContext } from '../../../src/core/nlu/types';

const now = new Date('2026-11-23T15:00:00Z');
const ctx = (locale: string, timeZone: string, currency: string): NluContext => ({ locale, timeZone, now, currency });
const CO = ctx('es-CO', 'America/Bogota', 'COP');
const MX = ctx('es-MX', 'America/Mexico_City', 'MXN');
const PE = ctx('es-PE', 'America/Lima', 'PEN');
const CL = ctx('es-CL', 'America/Santiago', 'CLP');
const ES = ctx('es-ES', 'Europe/Madrid', 'EUR');
const US = ctx('en-US', 'America/New_York', 'USD');

// Phrasings written for these tests (not copied from any evaluation file): each pins a word class, not a sentence.
const CASES: ReadonlyArray<[NluContext, string, string]> = [
  [CO, 'no puedo pagar nada este mes', 'cant_pay'],
  [CO, 'si puedo pagar hoy, a que cuenta', 'pay_now'],
  [MX, 'no voy a pagar el viernes', 'cant_pay'],
  [MX, 'el viernes sin falta le deposito', 'promise_to_pay'],
  [PE, 'hoy mismo te yapeo', 'pay_now'],
  [PE, 'cuando me caiga la quincena te yapeo', 'promise_to_pay'],
  [CL, 'ayer le transferi', 'already_paid'],
  [ES, 'os hice un bizum el lunes pasado', 'already_paid'],
  [MX, 'hice el pago el viernes', 'already_paid'],
  [ES, 'estoy sin blanca', 'cant_pay'],
  [CL, 'ando pato este mes', 'cant_pay'],
  [MX, 'no tengo ni un peso partido', 'cant_pay'],
  [US, 'lost my job, cant afford it', 'cant_pay'],
  [CO, 'a cuanto asciende lo que debo?', 'ask_balance'],
  [ES, 'cuanto os debo en total', 'ask_balance'],
  [US, 'what do i owe', 'ask_balance'],
  [MX, 'cuanto me falta', 'ask_balance'],
  [PE, 'se puede dividir en partes', 'request_plan'],
  [US, 'could we break this up into smaller payments', 'request_plan'],
  [CO, 'no quiero que me escriban', 'opt_out'],
  [ES, 'no me escribais mas', 'opt_out'],
  [CL, 'borrame de su base de datos', 'opt_out'],
  [CO, 'no quiero', 'deny'],
  [ES, 'que va', 'deny'],
  [PE, 'ya pe causa', 'affirm'],
  [CO, 'hola parce', 'greet'],
  [MX, 'hijos de su chingada madre', 'abuse'],
  [CO, 'no estoy de acuerdo con esos cobros', 'dispute'],
  [CO, 'numero equibocado', 'wrong_person'],
  [MX, 'cuamto debo', 'ask_balance'],
];

describe('generalisation: word classes, negation, tense and typos', () => {
  it.each(CASES)('%#: "%s" → %s', (context, text, intent) => {
    expect(recognize(text, context).intent).toBe(intent);
  });

  it('keeps a date next to "cannot pay" from reading as a promise', () => {
    expect(recognize('no llego a fin de mes, no puedo pagar', ES).intent).toBe('cant_pay');
  });

  it('reads an explicit amount after "te pago" as an offer, and a dated one as a promise', () => {
    expect(recognize('te pago 40 euros ahora', ES)).toMatchObject({ intent: 'propose_amount', entities: { amount: { minor: 4000, currency: 'EUR' } } });
    expect(recognize('el sabado le pago 200 mil', CO)).toMatchObject({ intent: 'promise_to_pay', entities: { date: '2026-11-28' } });
  });
});

describe('createRecognizer and the formatter cache', () => {
  it('answers exactly like recognize, dates included', () => {
    const recognizeMessage = createRecognizer();
    for (const [context, text] of CASES) expect(recognizeMessage(text, context)).toEqual(recognize(text, context));
    expect(recognizeMessage('le pago el 15', CO)).toEqual(recognize('le pago el 15', CO));
    expect(recognizeMessage('le pago el 15', CO).entities.date).toBe('2026-12-15');
  });

  it('resolves dates in the debtor zone whichever zone was cached first', () => {
    const recognizeMessage = createRecognizer();
    const late = new Date('2026-11-24T04:30:00Z'); // 23:30 on the 23rd in Bogota, 05:30 on the 24th in Madrid
    expect(recognizeMessage('te pago mañana', { ...CO, now: late }).entities.date).toBe('2026-11-24');
    expect(recognizeMessage('te pago mañana', { ...ES, now: late }).entities.date).toBe('2026-11-25');
  });

  it('keeps one formatter per zone and stays bounded', () => {
    const cache = createFormatterCache(2);
    const bogota = cache.get('America/Bogota');
    expect(cache.get('America/Bogota')).toBe(bogota);
    cache.get('Europe/Madrid');
    cache.get('America/Lima');
    expect(cache.get('America/Bogota')).not.toBe(bogota);
    expect(createFormatterCache().get('America/Bogota')).not.toBe(bogota);
  });
});
