import { currencyDigits } from './currencyDigits';
import type { Money } from './money';

/**
 * Money as a plain decimal string in major units with the currency's minor digits ("1250000.50", CLP "480000"),
 * built from the integer digits so no float rounding can creep in. Used for payment links and Intl input. Pure.
 */
export function formatDecimalAmount(amount: Money): string {
  const { minor: digits } = currencyDigits(amount.currency);
  const negative = amount.minor < 0;
  const text = String(Math.abs(amount.minor)).padStart(digits + 1, '0');
  const whole = text.slice(0, text.length - digits);
  const fraction = text.slice(text.length - digits);
  return `${negative ? '-' : ''}${whole}${digits > 0 ? `.${fraction}` : ''}`;
}
