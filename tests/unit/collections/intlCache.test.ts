import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localDate } from '../../../src/core/collections/dates/localDate';
import { createIntlCache } from '../../../src/core/collections/intl/createIntlCache';
import { formatMoney } from '../../../src/core/collections/money/formatMoney';
import { nextOffer } from '../../../src/core/collections/negotiation/nextOffer';
import { describeSchedule } from '../../../src/core/collections/registry/describeSchedule';
import { createTestFacts } from '../../../src/demo/createTestFacts';

const locales = ['es-CO', 'es-MX', 'es-PE', 'es-CL', 'es-ES', 'en-US'] as const;
const currencies = ['COP', 'CLP', 'MXN', 'PEN', 'EUR', 'USD'] as const;
const zones = ['America/Bogota', 'America/Santiago', 'Europe/Madrid', 'America/New_York', 'Pacific/Kiritimati'] as const;

describe('Intl cache owned by a registry', () => {
  it('formats money exactly as without a cache, for any amount, locale and currency', () => {
    const cache = createIntlCache();
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.constantFrom(...locales), fc.constantFrom(...currencies), (minor, locale, currency) => {
        expect(formatMoney({ minor, currency }, locale, cache)).toBe(formatMoney({ minor, currency }, locale));
      }),
    );
    expect(formatMoney({ minor: 125_000_000, currency: 'COP' }, 'es-CO', cache)).toBe(formatMoney({ minor: 125_000_000, currency: 'COP' }, 'es-CO'));
  });

  it('gives the local calendar day of any instant as without a cache, also when instants alternate between zones', () => {
    const cache = createIntlCache();
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true }), fc.constantFrom(...zones), (instant, zone) => {
        expect(localDate(instant, zone, cache)).toBe(localDate(instant, zone));
      }),
    );
    // Around midnight in Bogotá: one minute apart, two different days.
    expect(localDate(new Date('2026-11-24T04:59:00Z'), 'America/Bogota', cache)).toBe('2026-11-23');
    expect(localDate(new Date('2026-11-24T05:00:00Z'), 'America/Bogota', cache)).toBe('2026-11-24');
  });

  it('keeps the day right minute by minute across local midnight and DST changes, in zones off by quarter hours', () => {
    const cache = createIntlCache();
    const walks = [
      ['Asia/Kathmandu', '2026-11-23T18:00:00Z'], // +05:45: midnight at 18:15 UTC
      ['Pacific/Chatham', '2026-04-04T10:00:00Z'], // +13:45 → +12:45 that night
      ['America/St_Johns', '2026-11-24T02:00:00Z'], // -03:30
      ['America/Santiago', '2026-09-06T02:00:00Z'], // DST starts at local midnight
    ] as const;
    for (const [zone, from] of walks) {
      const start = new Date(from).getTime();
      for (let minute = 0; minute < 5 * 60; minute += 1) {
        const instant = new Date(start + minute * 60_000);
        expect(localDate(instant, zone, cache), `${zone} at ${instant.toISOString()}`).toBe(localDate(instant, zone));
      }
    }
  });

  it('describes a payment schedule exactly as without a cache, and keeps a bounded memo', () => {
    const facts = createTestFacts().co_maria;
    if (!facts) throw new Error('no fixture co_maria');
    const cache = createIntlCache();
    for (let index = 0; index < 3; index++) {
      const offer = nextOffer(facts.policy, facts.account, '2026-11-23', index);
      if (!offer) continue;
      for (const locale of locales) expect(describeSchedule(offer, locale, cache)).toBe(describeSchedule(offer, locale));
    }
    let made = 0;
    for (let i = 0; i < 10_000; i++) cache.memo(`k${i}`, () => String(++made));
    expect(made).toBe(10_000);
    expect(cache.memo('k9999', () => 'again')).toBe('10000');
  });
});
