import { normaliseNumber } from './extractFigures';

/**
 * Finds numbers written in words in Spanish or English ("quinientos mil", "dos millones", "five hundred",
 * "three thousand") and returns their values, so a model's amount can be matched against what the debtor
 * actually wrote. Covers the forms debtors use for amounts and counts, not every grammatical construction. Pure.
 */
export function findSpelledNumbers(text: string): number[] {
  const tokens = text.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').match(/[a-z]+|\d+(?:[.,]\d+)*/g) ?? [];
  const found: number[] = [];
  let total = 0;
  let current = 0;
  let active = false;
  const flush = (): void => {
    if (active) found.push(total + current);
    total = 0;
    current = 0;
    active = false;
  };
  for (const token of tokens) {
    const unit = WORDS[token];
    const scale = SCALES[token];
    if (/^\d/.test(token)) {
      flush();
      current = Number(normaliseNumber(token));
      active = true;
    } else if (unit !== undefined) {
      current += unit;
      active = true;
    } else if (scale !== undefined && (active || scale >= 1000 || token === 'hundred')) {
      const base = active ? current : 1;
      if (scale === 100 && active) current = base * 100;
      else {
        total += base * scale;
        current = 0;
      }
      active = true;
    } else if (active && (token === 'y' || token === 'and')) {
      continue;
    } else flush();
  }
  flush();
  return found;
}

const WORDS: Readonly<Record<string, number>> = {
  un: 1, uno: 1, una: 1, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9, diez: 10,
  once: 11, doce: 12, trece: 13, catorce: 14, quince: 15, dieciseis: 16, diecisiete: 17, dieciocho: 18,
  diecinueve: 19, veinte: 20, veintiuno: 21, veintidos: 22, veinticinco: 25, treinta: 30, cuarenta: 40,
  cincuenta: 50, sesenta: 60, setenta: 70, ochenta: 80, noventa: 90, cien: 100, ciento: 100, doscientos: 200,
  trescientos: 300, cuatrocientos: 400, quinientos: 500, seiscientos: 600, setecientos: 700, ochocientos: 800,
  novecientos: 900, medio: 0.5,
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11,
  twelve: 12, fifteen: 15, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80,
  ninety: 90, half: 0.5,
};
const SCALES: Readonly<Record<string, number>> = {
  hundred: 100, mil: 1000, thousand: 1000, k: 1000, millon: 1_000_000, millones: 1_000_000, million: 1_000_000,
  millions: 1_000_000, palo: 1_000_000, palos: 1_000_000, lucas: 1000, luca: 1000,
};
