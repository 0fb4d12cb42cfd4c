import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../../src/core/nlu/normalizeText';

describe('typo correction in normalizeText(text, lang)', () => {
  it.each([
    ['cuamto le debo', 'cuanto le debo'],
    ['numero equibocado', 'numero equivocado'],
    ['nesecito un asesr', 'necesito un asesor'],
    ['ya le page', 'ya le pague'],
    ['ya le deposte', 'ya le deposite'],
    ['muchas grasias', 'muchas gracias'],
    ['qiero pagar', 'quiero pagar'],
  ])('es: %s → %s', (text, norm) => {
    expect(normalizeText(text, 'es')).toBe(norm);
  });

  it.each([
    // Real words one edit away from a keyword stay as written.
    'cuando me paguen te pago',
    'sacame de la lista',
    'el viernes pasado',
    'en partes iguales',
    'pago quincenal',
    'las deudas',
    'me quiere cobrar',
  ])('es keeps "%s"', (text) => {
    expect(normalizeText(text, 'es')).toBe(text);
  });

  it('applies Spanish-only fixes to Spanish only and leaves text alone without a language', () => {
    expect(normalizeText('next page', 'en')).toBe('next page');
    expect(normalizeText('i alredy paid', 'en')).toBe('i already paid');
    expect(normalizeText('cuamto debo')).toBe('cuamto debo');
  });

  it('does not treat object property names as shorthand or typos', () => {
    expect(normalizeText('constructor toString', 'es')).toBe('constructor tostring');
  });
});
