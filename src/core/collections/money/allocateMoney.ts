import { assertSafeMinor, type Money } from './money';

/**
 * Splits `total` into parts proportional to the integer `ratios`, exactly: the parts always sum to the total.
 * Each part gets its floor share; the leftover minor units go one by one to the largest fractional remainders
 * (ties to the earlier part). Throws on an empty list, negative ratios or all-zero ratios (bugs). Pure.
 */
export function allocateMoney(total: Money, ratios: readonly number[]): Money[] {
  if (ratios.length === 0) throw new Error('allocateMoney needs at least one part');
  if (ratios.some((r) => !Number.isSafeInteger(r) || r < 0)) throw new Error('ratios must be non-negative integers');
  const sum = ratios.reduce((acc, r) => acc + BigInt(r), 0n);
  if (sum === 0n) throw new Error('ratios must not all be zero');
  const amount = BigInt(total.minor);
  const sign = amount < 0n ? -1n : 1n;
  const magnitude = amount * sign;
  const shares = ratios.map((r, index) => {
    const exact = magnitude * BigInt(r);
    return { index, floor: exact / sum, remainder: exact % sum };
  });
  let leftover = magnitude - shares.reduce((acc, s) => acc + s.floor, 0n);
  const order = [...shares].sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const share of order) {
    if (leftover === 0n) break;
    share.floor += 1n;
    leftover -= 1n;
  }
  return shares.map((s) => {
    const minor = Number(s.floor * sign);
    assertSafeMinor(minor);
    return { minor, currency: total.currency };
  });
}
