import { z } from 'zod';
import { isKnownCurrency } from './currencyDigits';

/** An amount in integer minor units (cents, centavos) of an ISO 4217 currency. Never a float. */
export interface Money {
  minor: number;
  currency: string;
}

/** zod schema for Money: a safe integer and a currency code from the ISO 4217 table. */
export const moneySchema = z.object({
  minor: z.number().int().refine(Number.isSafeInteger, { message: 'amount is too large to be exact' }),
  currency: z.string().refine(isKnownCurrency, { message: 'must be an ISO 4217 currency code such as COP, MXN, USD' }),
});

/** Builds Money after checking the amount is a safe integer (throws otherwise: a non-integer amount is a bug). Pure. */
export function money(minor: number, currency: string): Money {
  assertSafeMinor(minor);
  return { minor, currency };
}

/** Throws when a minor-unit amount is not a safe integer; every arithmetic helper calls it on its result. Pure. */
export function assertSafeMinor(minor: number): void {
  if (!Number.isSafeInteger(minor)) throw new Error(`money amount ${minor} is not a safe integer of minor units`);
}

/** Throws when two amounts are in different currencies; mixing them is always a bug upstream. Pure. */
export function assertSameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new Error(`currency mismatch: ${a.currency} vs ${b.currency}`);
}
