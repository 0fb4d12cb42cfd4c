import { assertSameCurrency, type Money } from './money';

/** −1, 0 or 1 as a is less than, equal to or greater than b (same currency, else throws: a bug). Pure. */
export function compareMoney(a: Money, b: Money): -1 | 0 | 1 {
  assertSameCurrency(a, b);
  if (a.minor === b.minor) return 0;
  return a.minor < b.minor ? -1 : 1;
}
