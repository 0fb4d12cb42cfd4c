import { assertSafeMinor, assertSameCurrency, type Money } from './money';

/** a − b in one currency (may be negative); throws on mixed currencies or overflow (bugs). Pure. */
export function subtractMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  const minor = a.minor - b.minor;
  assertSafeMinor(minor);
  return { minor, currency: a.currency };
}
