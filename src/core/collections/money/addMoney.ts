import { assertSafeMinor, assertSameCurrency, type Money } from './money';

/** Sum of amounts in one currency; throws on mixed currencies or overflow past safe integers (bugs). Pure. */
export function addMoney(first: Money, ...rest: Money[]): Money {
  let minor = first.minor;
  for (const item of rest) {
    assertSameCurrency(first, item);
    minor += item.minor;
    assertSafeMinor(minor);
  }
  return { minor, currency: first.currency };
}
