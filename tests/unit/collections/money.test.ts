import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMoney } from '../../../src/core/collections/money/addMoney';
import { allocateMoney } from '../../../src/core/collections/money/allocateMoney';
import { compareMoney } from '../../../src/core/collections/money/compareMoney';
import { currencyDigits } from '../../../src/core/collections/money/currencyDigits';
import { formatDecimalAmount } from '../../../src/core/collections/money/formatDecimalAmount';
import { formatMoney } from '../../../src/core/collections/money/formatMoney';
import { money } from '../../../src/core/collections/money/money';
import { parseDecimalAmount } from '../../../src/core/collections/money/parseDecimalAmount';
import { percentOfMoney } from '../../../src/core/collections/money/percentOfMoney';
import { subtractMoney } from '../../../src/core/collections/money/subtractMoney';

const currencies = ['COP', 'CLP', 'MXN', 'PEN', 'EUR', 'USD'] as const;

describe('money arithmetic', () => {
  it('adds, subtracts and compares in one currency and refuses to mix currencies', () => {
    expect(addMoney(money(150, 'USD'), money(250, 'USD'), money(1, 'USD'))).toEqual({ minor: 401, currency: 'USD' });
    expect(subtractMoney(money(100, 'MXN'), money(250, 'MXN'))).toEqual({ minor: -150, currency: 'MXN' });
    expect(compareMoney(money(5, 'EUR'), money(7, 'EUR'))).toBe(-1);
    expect(() => addMoney(money(1, 'USD'), money(1, 'COP'))).toThrow(/currency mismatch/);
    expect(() => addMoney(money(Number.MAX_SAFE_INTEGER, 'USD'), money(1, 'USD'))).toThrow(/safe integer/);
    expect(() => money(1.5, 'USD')).toThrow();
  });

  it('takes percentages in basis points with explicit rounding', () => {
    expect(percentOfMoney(money(1_005, 'USD'), 1_000)).toEqual({ minor: 101, currency: 'USD' }); // 100.5 → 101 half up
    expect(percentOfMoney(money(1_005, 'USD'), 1_000, 'down').minor).toBe(100);
    expect(percentOfMoney(money(1_001, 'USD'), 1_000, 'up').minor).toBe(101);
    expect(percentOfMoney(money(-1_005, 'USD'), 1_000).minor).toBe(-101);
    expect(percentOfMoney(money(9_007_199_254_740_991, 'COP'), 5_000).minor).toBe(4_503_599_627_370_496);
  });

  it('allocates exactly: parts always add up to the total', () => {
    expect(allocateMoney(money(100, 'USD'), [1, 1, 1]).map((m) => m.minor)).toEqual([34, 33, 33]);
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.array(fc.integer({ min: 0, max: 1_000 }), { minLength: 1, maxLength: 20 }).filter((r) => r.some((x) => x > 0)), (total, ratios) => {
        const parts = allocateMoney(money(total, 'COP'), ratios);
        expect(parts.reduce((s, p) => s + p.minor, 0)).toBe(total);
        parts.forEach((p, i) => expect(ratios[i] === 0 ? p.minor : 0).toBe(0));
      }),
    );
  });
});

describe('formatMoney', () => {
  it('shows COP and CLP without decimals and the others with two', () => {
    expect(formatMoney(money(125_000_050, 'COP'), 'es-CO').replace(/\s/g, ' ')).toBe('$ 1.250.001');
    expect(formatMoney(money(480_000, 'CLP'), 'es-CL')).toBe('$480.000');
    expect(formatMoney(money(845_050, 'MXN'), 'es-MX')).toBe('$8,450.50');
    expect(formatMoney(money(152_075, 'EUR'), 'es-ES').replace(/\s/g, ' ')).toBe('1520,75 €');
    expect(formatMoney(money(125_000, 'USD'), 'en-US')).toBe('$1,250.00');
    expect(formatMoney(money(320_000, 'PEN'), 'es-PE').replace(/\s/g, ' ')).toBe('S/ 3,200.00');
  });
});

describe('parseDecimalAmount', () => {
  it('reads CSV amounts into exact minor units', () => {
    const parse = (text: string, currency: string, hint?: string) => {
      const r = parseDecimalAmount(text, currency, hint);
      return r.ok ? r.value.minor : r.error.code;
    };
    expect(parse('1250000.50', 'COP')).toBe(125_000_050);
    expect(parse('1.250.000,50', 'COP', 'es-CO')).toBe(125_000_050);
    expect(parse('1,250,000.50', 'MXN', 'es-MX')).toBe(125_000_050);
    expect(parse('0.29', 'USD')).toBe(29); // 0.29 * 100 is 28.999999999999996 in floats
    expect(parse('1.15', 'USD')).toBe(115);
    expect(parse('480.000', 'CLP', 'es-CL')).toBe(480_000);
    expect(parse('480000', 'CLP')).toBe(480_000);
    expect(parse('1.5', 'CLP')).toBe('MONEY.TOO_MANY_DECIMALS');
    expect(parse('12.345', 'USD')).toBe('MONEY.TOO_MANY_DECIMALS');
    expect(parse('1.250.000,50', 'COP', '.')).toBe('MONEY.INVALID_AMOUNT');
    expect(parse('12abc', 'USD')).toBe('MONEY.INVALID_AMOUNT');
    expect(parse('-12.5', 'USD')).toBe(-1_250);
    expect(parse('$ 1.250.000', 'COP', 'es-CO')).toBe(125_000_000);
    expect(parse('99999999999999999', 'USD')).toBe('MONEY.INVALID_AMOUNT');
    expect(parse('10', 'XYZ')).toBe('MONEY.UNKNOWN_CURRENCY');
  });

  it('round-trips every amount through its decimal string (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), fc.constantFrom(...currencies), (minor, currency) => {
        const text = formatDecimalAmount({ minor, currency });
        expect(text.split('.')[1]?.length ?? 0).toBe(currencyDigits(currency).minor);
        expect(parseDecimalAmount(text, currency)).toEqual({ ok: true, value: { minor, currency } });
      }),
    );
  });
});
