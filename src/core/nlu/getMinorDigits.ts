/**
 * ISO 4217 minor-unit digits for the currencies Pacto serves. The NLU owns this small table on purpose so
 * that it does not depend on the collections money helpers.
 */
export const MINOR_DIGITS: Readonly<Record<string, number>> = {
  COP: 2,
  CLP: 0,
  MXN: 2,
  PEN: 2,
  EUR: 2,
  USD: 2,
};

/** Number of minor-unit digits of an ISO 4217 currency (2 when the code is not in the table). Pure. */
export function getMinorDigits(currency: string): number {
  return MINOR_DIGITS[currency.toUpperCase()] ?? 2;
}
