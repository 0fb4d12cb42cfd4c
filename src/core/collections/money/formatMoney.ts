import type { IntlCache } from '../intl/createIntlCache';
import { currencyDigits } from './currencyDigits';
import { formatDecimalAmount } from './formatDecimalAmount';
import type { Money } from './money';

function isNumericLiteral(text: string): text is `${number}` {
  return /^-?\d+(\.\d+)?$/.test(text);
}

function format(amount: Money, locale: string, display: number, cache: IntlCache | undefined): string {
  const formatter = cache
    ? cache.moneyFormat(locale, amount.currency, display)
    : new Intl.NumberFormat(locale, { style: 'currency', currency: amount.currency, minimumFractionDigits: display, maximumFractionDigits: display });
  const decimal = formatDecimalAmount(amount);
  if (!isNumericLiteral(decimal)) throw new Error(`not a decimal amount: ${decimal}`);
  return formatter.format(decimal);
}

/**
 * Money for a debtor in their locale via Intl.NumberFormat, with the currency's display digits (COP and CLP
 * without decimals, MXN/PEN/EUR/USD with two). The exact decimal string is passed to Intl (Node 20 formats string
 * input without converting to a float); dropped cents round half away from zero. With a `cache` (one per
 * registry) formatters and results are reused instead of built per call. Pure.
 */
export function formatMoney(amount: Money, locale: string, cache?: IntlCache): string {
  const { display } = currencyDigits(amount.currency);
  if (cache === undefined) return format(amount, locale, display, undefined);
  return cache.memo(`m|${locale}|${amount.currency}|${amount.minor}`, () => format(amount, locale, display, cache));
}
