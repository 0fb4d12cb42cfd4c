import { describe, expect, it } from 'vitest';
import type { IntentClassifier } from '../../../src/core/nlu/classifyIntent';
import { recognize } from '../../../src/core/nlu/recognize';
import type { NluContext } from '../../../src/core/nlu/types';

const now = new Date('2026-11-23T15:00:00Z');
const CO: NluContext = { locale: 'es-CO', timeZone: 'America/Bogota', now, currency: 'COP' };
const MX: NluContext = { locale: 'es-MX', timeZone: 'America/Mexico_City', now, currency: 'MXN' };
const ES: NluContext = { locale: 'es-ES', timeZone: 'Europe/Madrid', now, currency: 'EUR' };
const US: NluContext = { locale: 'en-US', timeZone: 'America/New_York', now, currency: 'USD' };

/** A classifier that is always sure of one intent: the policy, not the model, is under test. */
const sureOf = (intent: string, probability = 0.99): IntentClassifier => () => ({ intent, probability });

describe('how the rules take the classifier’s answer', () => {
  it('takes a promise from the classifier only when a date was read in the message', () => {
    const promise = sureOf('promise_to_pay');
    expect(recognize('el martes os hago el ingreso', ES, undefined, promise)).toMatchObject({
      intent: 'promise_to_pay',
      entities: { date: '2026-11-24' },
    });
    // No date to act on: the classifier's promise is not taken.
    expect(recognize('os hago el ingreso', ES, undefined, promise).intent).not.toBe('promise_to_pay');
  });

  it('takes a verification answer only with an identifier read, and never an offer', () => {
    expect(recognize('card ending in 4455', US, undefined, sureOf('provide_info'))).toMatchObject({
      intent: 'provide_info',
      entities: { identifier: '4455' },
    });
    expect(recognize('no se cual es', CO, undefined, sureOf('provide_info')).intent).not.toBe('provide_info');
    // A bare number is not an offer, however sure the classifier is.
    expect(recognize('tal vez 300', CO, undefined, sureOf('propose_amount')).intent).toBe('unknown');
  });

  it('takes an opt-out only from wording that says stop, no, never or remove', () => {
    const optOut = sureOf('opt_out');
    for (const [ctx, text] of [[US, 'please resume sending me texts'], [CO, 'me pueden escribir mañana'], [US, 'text me later']] as const) {
      expect(recognize(text, ctx, undefined, optOut).intent, text).not.toBe('opt_out');
    }
    expect(recognize('enough with these texts', US, undefined, optOut).intent).toBe('opt_out');
  });

  it('is switched off with a null classifier (the word rules alone)', () => {
    expect(recognize('holaa', CO).intent).toBe('greet');
    expect(recognize('holaa', CO, undefined, null).intent).toBe('unknown');
  });
});

describe('wording the word rules now read (phrasings written for this test)', () => {
  it.each([
    [US, 'never heard of this guy', 'wrong_person'],
    [US, 'never heard of her', 'wrong_person'],
    [CO, 'nunca he escuchado de esa persona', 'wrong_person'],
    [CO, 'no me hablen nunca mas', 'opt_out'],
    [CO, 'paren de mandarme mensajes', 'opt_out'],
    [US, 'delete my phone number please', 'opt_out'],
    // The imperative of "sacar" is spelt with qu: "sáquenme", "sáqueme".
    [MX, 'sáqueme de sus contactos', 'opt_out'],
    [CO, 'yo no les he solicitado ningun prestamo', 'dispute'],
    [ES, 'no he abierto ninguna cuenta con vosotros', 'dispute'],
  ])('%#: "%s" → %s', (ctx, text, intent) => {
    expect(recognize(text, ctx, undefined, null).intent).toBe(intent);
  });

  it('still reads never having heard of a debt as a dispute', () => {
    expect(recognize('never heard of this loan', US, undefined, null).intent).toBe('dispute');
  });
});
