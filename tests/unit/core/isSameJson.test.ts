import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSameJson } from '../../../src/core/json/isSameJson';

describe('isSameJson', () => {
  it('agrees with comparing the JSON of values with sorted keys', () => {
    const canonical = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([p], [q]) => p.localeCompare(q))) : x));
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        expect(isSameJson(a, b)).toBe(canonical(a) === canonical(b));
        expect(isSameJson(a, structuredClone(a))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('tells apart the changes that matter in facts and sessions', () => {
    const facts = { debtor: { id: 'd1', verification: { hashes: ['a', 'b'], lockedUntil: null } }, account: { balance: { minor: 100, currency: 'COP' } } };
    expect(isSameJson(facts, structuredClone(facts))).toBe(true);
    expect(isSameJson(facts, { ...facts, account: { balance: { minor: 99, currency: 'COP' } } })).toBe(false);
    expect(isSameJson(facts, { ...facts, debtor: { id: 'd1', verification: { hashes: ['a'], lockedUntil: null } } })).toBe(false);
    expect(isSameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(isSameJson({ a: 1 }, { a: 1, extra: 0 })).toBe(false);
    expect(isSameJson([1, 2], { 0: 1, 1: 2 })).toBe(false);
    expect(isSameJson(null, {})).toBe(false);
    expect(isSameJson(new Date(5), new Date(5))).toBe(true);
    expect(isSameJson(new Date(5), new Date(6))).toBe(false);
  });
});
