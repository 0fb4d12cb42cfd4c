/**
 * Minor-unit digits per ISO 4217 (how money is stored) and the digits shown to debtors (how it is said).
 * COP has 2 minor digits but Colombians never see cents; CLP has none at all.
 */
const MINOR_DIGITS: Readonly<Record<string, number>> = {
  COP: 2, CLP: 0, MXN: 2, PEN: 2, EUR: 2, USD: 2, ARS: 2, BRL: 2, GBP: 2, JPY: 0, KRW: 0, PYG: 0, UYU: 2, DOP: 2, GTQ: 2,
};
const DISPLAY_DIGITS: Readonly<Record<string, number>> = { COP: 0, CLP: 0, PYG: 0, JPY: 0, KRW: 0 };

/** ISO 4217 minor digits of a currency (2 when unknown). Pure. */
export function currencyDigits(currency: string): { minor: number; display: number } {
  const minor = MINOR_DIGITS[currency] ?? 2;
  return { minor, display: DISPLAY_DIGITS[currency] ?? minor };
}
