import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../../src/core/nlu/normalizeText';
import { replaceNumberWords } from '../../../src/core/nlu/replaceNumberWords';

describe('normalizeText', () => {
  it.each([
    ['Holaaaa!!', 'hola'],
    ['Cuánto es lo que DEBO?', 'cuanto es lo que debo'],
    ['q tal, xq no?', 'que tal porque no'],
    ['kiero hablar xfa', 'quiero hablar por favor'],
    ['yo tmb', 'yo tambien'],
    ["I'm not John", 'im not john'],
    ['S/. 150', 'pen 150'],
    ['$50.000.', '$50.000'],
    ['👍', 'xaffirm'],
    ['gracias 🙏', 'gracias xthanks'],
    ['😡 ladrones', 'xangry ladrones'],
  ])('%s → %s', (text, norm) => {
    expect(normalizeText(text)).toBe(norm);
  });
});

describe('replaceNumberWords', () => {
  it.each([
    ['dos millones trescientos mil', 'es', '2300000'],
    ['mil quinientos pesos', 'es', '1500 pesos'],
    ['veinticinco', 'es', '25'],
    ['treinta y cinco mil', 'es', '35000'],
    ['1,5 millones', 'es', '1500000'],
    ['mil gracias', 'es', 'mil gracias'],
    ['un plan', 'es', 'un plan'],
    ['twelve hundred', 'en', '1200'],
    ['one hundred and fifty', 'en', '150'],
    ['two thousand five hundred', 'en', '2500'],
  ] as const)('%s → %s', (text, lang, out) => {
    expect(replaceNumberWords(text, lang)).toBe(out);
  });
});
