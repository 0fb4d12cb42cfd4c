import { fail, type Result } from '../result';
import { currencyDigits, isKnownCurrency } from './currencyDigits';
import type { Money } from './money';

/** Which character separates decimals in the text: '.' ("1,250,000.50", en/es-MX) or ',' ("1.250.000,50", es-CO/ES). */
export type DecimalSeparator = '.' | ',';

/** Locales whose written amounts use a comma for decimals; the rest use a dot. */
const COMMA_DECIMAL_LANGS = new Set(['es-CO', 'es-CL', 'es-ES', 'es-AR', 'es-UY', 'es-PY', 'es-VE', 'es-EC', 'es-BO', 'pt', 'de', 'fr', 'it']);

/** The decimal separator customarily used in a BCP 47 locale (es-CO → ',', es-MX/en-US → '.'). Pure. */
export function decimalSeparatorFor(locale: string): DecimalSeparator {
  if (COMMA_DECIMAL_LANGS.has(locale)) return ',';
  const language = locale.split('-')[0] ?? '';
  return COMMA_DECIMAL_LANGS.has(language) ? ',' : '.';
}

/**
 * Parses a decimal amount from a CSV cell or form into exact minor units, by string arithmetic (no float
 * multiplication). Accepts "1250000.50", "1250000", "-12.5", thousands-grouped "1.250.000,50" / "1,250,000.50" given
 * the locale's decimal separator (a locale such as 'es-CO' or the separator itself), and optional spaces, currency
 * symbol or code around the number. Fails with MONEY.INVALID_AMOUNT, MONEY.TOO_MANY_DECIMALS or
 * MONEY.UNKNOWN_CURRENCY. Pure.
 */
export function parseDecimalAmount(text: string, currency: string, localeOrSeparator: string = '.'): Result<Money> {
  if (!isKnownCurrency(currency)) return fail('MONEY.UNKNOWN_CURRENCY', `unknown currency ${currency}: use an ISO 4217 code such as COP or USD`);
  const separator: DecimalSeparator = localeOrSeparator === ',' || localeOrSeparator === '.' ? localeOrSeparator : decimalSeparatorFor(localeOrSeparator);
  const group = separator === '.' ? ',' : '.';
  const cleaned = text.trim().replace(new RegExp(`^${currency}\\s*|\\s*${currency}$`, 'g'), '').replace(/^\$\s*|^€\s*/, '').replace(/[\s\u00a0']/g, '');
  const g = `\\${group}`;
  const d = `\\${separator}`;
  const match = new RegExp(`^(-)?(\\d{1,3}(?:${g}\\d{3})+|\\d+)(?:${d}(\\d+))?$`).exec(cleaned);
  if (!match) {
    return fail('MONEY.INVALID_AMOUNT', `"${text}" is not an amount: write digits with "${separator}" for decimals, e.g. ${separator === '.' ? '1250000.50' : '1.250.000,50'}`);
  }
  const integerPart = match[2] ?? '';
  const digits = integerPart.split(group).join('');
  const fraction = match[3] ?? '';
  const { minor: minorDigits } = currencyDigits(currency);
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > minorDigits) {
    return fail('MONEY.TOO_MANY_DECIMALS', `"${text}" has more decimals than ${currency} allows (${minorDigits})`);
  }
  const minorText = `${digits}${fraction.padEnd(minorDigits, '0').slice(0, minorDigits)}`.replace(/^0+(?=\d)/, '');
  const minor = Number(minorText) * (match[1] ? -1 : 1);
  if (!Number.isSafeInteger(minor)) return fail('MONEY.INVALID_AMOUNT', `"${text}" is too large to store exactly`);
  return { ok: true, value: { minor: minor === 0 ? 0 : minor, currency } };
}
