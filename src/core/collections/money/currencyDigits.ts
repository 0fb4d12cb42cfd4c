/**
 * ISO 4217 minor-unit digits (how amounts are stored) and the digits shown to debtors (how they are said).
 * COP has 2 minor digits but is displayed without cents; CLP has none at all.
 */
const MINOR_DIGITS: Readonly<Record<string, number>> = {
  ARS: 2, BOB: 2, BRL: 2, CAD: 2, CLP: 0, COP: 2, CRC: 2, DOP: 2, EUR: 2, GBP: 2, GTQ: 2, HNL: 2, JPY: 0,
  KRW: 0, MXN: 2, NIO: 2, PAB: 2, PEN: 2, PYG: 0, USD: 2, UYU: 2, VES: 2, CLF: 4, KWD: 3, BHD: 3,
};
const DISPLAY_DIGITS: Readonly<Record<string, number>> = { COP: 0, CLP: 0, PYG: 0, JPY: 0, KRW: 0 };

/** True when the currency is in the ISO 4217 table this service knows. Pure. */
export function isKnownCurrency(currency: string): boolean {
  return Object.hasOwn(MINOR_DIGITS, currency);
}

/**
 * Minor and display digits of a known currency. Throws for an unknown code: callers validate currencies at the
 * edge (CSV import, policy loading) with isKnownCurrency, so reaching here with one is a bug. Pure.
 */
export function currencyDigits(currency: string): { minor: number; display: number } {
  const minor = MINOR_DIGITS[currency];
  if (minor === undefined) throw new Error(`unknown currency ${JSON.stringify(currency)}`);
  return { minor, display: DISPLAY_DIGITS[currency] ?? minor };
}
