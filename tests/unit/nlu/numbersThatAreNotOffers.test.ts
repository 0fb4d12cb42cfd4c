import { describe, expect, it } from 'vitest';
import { parseIdentifier } from '../../../src/core/nlu/parseIdentifier';
import { recognize } from '../../../src/core/nlu/recognize';
import type { NluContext } from '../../../src/core/nlu/types';

const now = new Date('2026-11-23T15:00:00Z');
const ctx = (locale: string, timeZone: string, currency: string): NluContext => ({ locale, timeZone, now, currency });
const CONTEXTS = {
  CO: ctx('es-CO', 'America/Bogota', 'COP'),
  MX: ctx('es-MX', 'America/Mexico_City', 'MXN'),
  PE: ctx('es-PE', 'America/Lima', 'PEN'),
  CL: ctx('es-CL', 'America/Santiago', 'CLP'),
  ES: ctx('es-ES', 'Europe/Madrid', 'EUR'),
  US: ctx('en-US', 'America/New_York', 'USD'),
} as const satisfies Record<string, NluContext>;
type Region = keyof typeof CONTEXTS;
const { CO, MX, PE, US } = CONTEXTS;

// Phrasings written for these tests (issue 12: "receipt, Yape, Bizum and confirmation numbers are never kept"),
// none taken from an evaluation file.
const RECEIPTS: ReadonlyArray<[Region, string]> = [
  ['CO', 'ya consigne, el numero de la transaccion es 55012873'],
  ['MX', 'ya le deposite en oxxo, folio 9912004'],
  ['MX', 'le mande la transferencia, clave de rastreo 77120045'],
  ['PE', 'ya te yapee, nro. de operacion: 0045512'],
  ['CL', 'transferi ayer, comprobante n° 300122'],
  ['ES', 'os hice el bizum, la referencia es 66120'],
  ['US', 'sent it through zelle, confirmation number is 88213'],
  ['US', 'paid online this morning, ref #4471209'],
  ['CO', '55012873 es el comprobante de la consignacion'],
];

describe('receipt, operation and confirmation numbers (issue 12)', () => {
  it.each(RECEIPTS)('%s "%s" carries no amount, count or identifier', (region, text) => {
    const { entities } = recognize(text, CONTEXTS[region]);
    expect(entities.amount).toBeUndefined();
    expect(entities.count).toBeUndefined();
    expect(entities.identifier).toBeUndefined();
  });

  it('keeps the amount paid next to the receipt number', () => {
    expect(recognize('le pague 350 soles, operacion 1234567', PE).entities.amount).toEqual({ minor: 35000, currency: 'PEN' });
    expect(recognize('I paid $120, receipt #556677', US).entities.amount).toEqual({ minor: 12000, currency: 'USD' });
    expect(recognize('el recibo es por 2 palos', CO).entities.amount).toEqual({ minor: 200000000, currency: 'COP' });
  });

  it('keeps a date next to the receipt', () => {
    expect(recognize('el comprobante se lo mando el 28 de noviembre', MX).entities.date).toBe('2026-11-28');
  });

  it('is no verification document even when the bot asked for one', () => {
    expect(parseIdentifier('tengo el comprobante 8830122', { locale: 'es-MX', now, expected: true })).toBeUndefined();
    expect(parseIdentifier('mi cedula es 80123456', { locale: 'es-CO', now, expected: true })).toBe('80123456');
  });
});

// Questions about the money that name a figure, and questions that propose one.
const MONEY_QUESTIONS: ReadonlyArray<[Region, string]> = [
  ['CO', 'y esos 85 mil de intereses de donde los sacaron?'],
  ['MX', 'oiga por que me aparecen 1200 pesos de comision'],
  ['PE', 'de donde salen los 90 soles de mora?'],
  ['CL', 'por que me estan cobrando 40 lucas de gastos de cobranza'],
  ['ES', 'no entiendo por que me cobrais 25 euros de recargo'],
  ['US', 'what is this $35 late fee for?'],
  ['US', 'how come my balance went up by $60?'],
];
const PROPOSALS: ReadonlyArray<[Region, string, string]> = [
  ['CO', 'le puedo abonar 80 mil esta semana?', 'propose_amount'],
  ['MX', 'me aceptan 700 pesos y quedamos?', 'propose_amount'],
  ['ES', 'os vale si os doy 150 euros?', 'propose_amount'],
  ['US', 'would you accept $250 to close it?', 'propose_amount'],
  ['CL', 'puedo pagar 30 lucas cada mes?', 'request_plan'],
  ['CO', 'con 300 mil cerramos la deuda?', 'propose_amount'],
  ['US', 'if I pay $500 do you waive the fees?', 'propose_amount'],
];

describe('numbers inside questions (issue 12)', () => {
  it.each(MONEY_QUESTIONS)('%s "%s" asks about the balance, not an offer', (region, text) => {
    const result = recognize(text, CONTEXTS[region]);
    expect(result.intent).toBe('ask_balance');
    expect(result.entities.amount).toBeDefined();
  });

  it('reads a money question as a question even when the bot asked for an amount', () => {
    const expected = { entity: 'amount' as const, intents: ['propose_amount'] };
    expect(recognize('why is there $20 in interest on this?', { ...US, expected }).intent).toBe('ask_balance');
  });

  it.each(PROPOSALS)('%s "%s" still proposes (%s)', (region, text, intent) => {
    expect(recognize(text, CONTEXTS[region]).intent).toBe(intent);
  });

  it('lets stronger readings win over the question', () => {
    expect(recognize('por que me cobran 300 mil si eso no es mio?', CO).intent).toBe('dispute');
    expect(recognize('ya pague los 500, por que me siguen cobrando intereses?', MX).intent).toBe('already_paid');
  });
});
