import { describe, expect, it } from 'vitest';
import { formatValue } from '../../../src/core/engine/formatValue';
import { parseTemplate } from '../../../src/core/engine/parseTemplate';
import { renderTemplate } from '../../../src/core/engine/renderTemplate';
import type { Effect } from '../../../src/core/engine/types';

/** ICU separates some currency symbols with no-break spaces; compare with plain spaces. */
function plain(text: string | undefined): string | undefined {
  return text?.replace(/[\u00a0\u202f]/g, ' ');
}

function ctx(locale: string) {
  return { locale, timeZone: 'America/Bogota', formatters: new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>() };
}

describe('template formatting per currency and locale', () => {
  it.each([
    ['es-CO', 'COP', 123_456_789, '$ 1.234.568'], // COP: 2 minor digits, shown without decimals
    ['es-CO', 'COP', 150_000_00, '$ 150.000'],
    ['es-CL', 'CLP', 1_234_567, '$1.234.567'], // CLP: 0 minor digits
    ['es-MX', 'MXN', 123_456, '$1,234.56'],
    ['es-PE', 'PEN', 123_456, 'S/ 1,234.56'],
    ['es-ES', 'EUR', 123_456, '1234,56 €'],
    ['es-ES', 'EUR', 12_345_678, '123.456,78 €'],
    ['en-US', 'USD', 123_456, '$1,234.56'],
    ['en-US', 'USD', -505, '-$5.05'],
  ])('money in %s %s (%i minor units) → %s', (locale, currency, minor, expected) => {
    expect(plain(formatValue({ minor, currency }, 'money', ctx(locale)))).toBe(expected);
  });

  it.each([
    ['es-CO', '15 de diciembre de 2026'],
    ['es-MX', '15 de diciembre de 2026'],
    ['es-ES', '15 de diciembre de 2026'],
    ['en-US', 'December 15, 2026'],
  ])('date in %s', (locale, expected) => {
    expect(formatValue('2026-12-15', 'date', ctx(locale))).toBe(expected);
  });

  it('formats numbers and percents (basis points) in the locale', () => {
    expect(plain(formatValue(1234.5, 'number', ctx('es-CO')))).toBe('1.234,5');
    expect(formatValue(1234.5, 'number', ctx('en-US'))).toBe('1,234.5');
    expect(plain(formatValue(1250, 'percent', ctx('es-ES')))).toBe('12,5 %');
    expect(formatValue(1250, 'percent', ctx('en-US'))).toBe('12.5%');
  });

  it('refuses values that do not fit the filter', () => {
    expect(formatValue(12.5, 'money', ctx('en-US'))).toBeUndefined();
    expect(formatValue({ minor: 1.5, currency: 'USD' }, 'money', ctx('en-US'))).toBeUndefined();
    expect(formatValue('tomorrow', 'date', ctx('en-US'))).toBeUndefined();
    expect(formatValue({ a: 1 }, undefined, ctx('en-US'))).toBeUndefined();
  });

  it('reuses one Intl formatter per locale and currency', () => {
    const c = ctx('es-CO');
    formatValue({ minor: 1, currency: 'COP' }, 'money', c);
    formatValue({ minor: 2, currency: 'COP' }, 'money', c);
    formatValue({ minor: 2, currency: 'USD' }, 'money', c);
    expect(c.formatters.size).toBe(2);
  });

  it('renders a pre-split template and audits missing or unformattable variables', () => {
    const parsed = parseTemplate('Hola {{debtor.firstName}}, debes {{account.balance | money}} ({{slots.count | number}}).');
    if (!parsed.ok) throw new Error('template should parse');
    const effects: Effect[] = [];
    const facts = { debtor: { firstName: 'Ana', locale: 'es-CO', timeZone: 'America/Bogota' }, account: { balance: 'lots' } };
    const text = renderTemplate({ key: 'owed', parts: parsed.parts }, facts, {}, ctx('es-CO'), effects);
    expect(text).toBe('Hola Ana, debes  ().');
    expect(effects).toEqual([
      { type: 'audit', code: 'TEMPLATE.INVALID_VALUE', data: { template: 'owed', variable: 'account.balance', filter: 'money' } },
      { type: 'audit', code: 'TEMPLATE.MISSING_VARIABLE', data: { template: 'owed', variable: 'slots.count' } },
    ]);
  });
});
