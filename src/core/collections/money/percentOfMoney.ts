import { assertSafeMinor, type Money } from './money';

/** How a share that falls between two minor units is rounded. */
export type Rounding = 'half_up' | 'down' | 'up';

/**
 * `basisPoints`/10 000 of an amount (1 bp = 0.01 %) in whole minor units. Rounding is explicit: 'half_up'
 * (default; halves away from zero), 'down' (toward zero: for ceilings such as a maximum discount) or 'up' (away
 * from zero: for floors such as a minimum down payment). BigInt arithmetic, so large balances stay exact. Pure.
 */
export function percentOfMoney(amount: Money, basisPoints: number, rounding: Rounding = 'half_up'): Money {
  if (!Number.isSafeInteger(basisPoints)) throw new Error(`basis points must be an integer, got ${basisPoints}`);
  const product = BigInt(amount.minor) * BigInt(basisPoints);
  const negative = product < 0n;
  const magnitude = negative ? -product : product;
  const bias = rounding === 'half_up' ? 5_000n : rounding === 'up' ? 9_999n : 0n;
  const rounded = (magnitude + bias) / 10_000n;
  const minor = Number(negative ? -rounded : rounded);
  assertSafeMinor(minor);
  return { minor: minor === 0 ? 0 : minor, currency: amount.currency };
}
