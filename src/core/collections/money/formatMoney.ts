import { currencyDigits } from './currencyDigits';
import { formatDecimalAmount } from './formatDecimalAmount';
import type { Money } from './money';

/**
 * Money for a debtor in their locale via Intl.NumberFormat, with the currency's display digits (COP and CLP
 * without decimals, MXN/PEN/EUR/USD with two). The exact decimal string is passed to Intl (Node 20 formats string
 * input without converting to a float); dropped cents round half away from zero. Pure.
 */
export function formatMoney(amount: Money, locale: string): string {
  const { display } = currencyDigits(amount.currency);
  const formatter = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: amount.currency,
    minimumFractionDigits: display,
    maximumFractionDigits: display,
  });
  const decimal = formatDecimalAmount(amount);
  if (!isNumericLiteral(decimal)) throw new Error(`not a decimal amount: ${decimal}`);
  return formatter.format(decimal);
}

function isNumericLiteral(text: string): text is `${number}` {
  return /^-?\d+(\.\d+)?$/.test(text);
}
