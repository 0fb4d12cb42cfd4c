/**
 * Intl formatters and formatted strings, memoised for one owner. Building an Intl formatter costs tens of
 * microseconds, so code on a per-message path (the collections registry) keeps one cache per registry instance
 * and passes it to formatMoney, localDate and describeSchedule. Not shared between owners: there is no module-level
 * cache, so nothing outlives the registry that made it.
 */
export interface IntlCache {
  /** `Intl.NumberFormat` for money in `locale` and `currency` showing `digits` fraction digits. */
  moneyFormat(locale: string, currency: string, digits: number): Intl.NumberFormat;
  /** `Intl.DateTimeFormat` for a calendar date in long form ("15 de diciembre de 2026"), formatted as UTC. */
  longDateFormat(locale: string): Intl.DateTimeFormat;
  /** `Intl.DateTimeFormat` giving the numeric year, month and day of an instant in `timeZone`. */
  dayFormat(timeZone: string): Intl.DateTimeFormat;
  /** A string memo (formatted amounts and dates); cleared when it grows past a bound, so it cannot leak. */
  memo(key: string, make: () => string): string;
  /**
   * The calendar day of instant `at` (ms) in `timeZone`: remembers the last one per zone for the 15-minute UTC
   * window `at` falls in. Every current UTC offset is a whole number of quarter hours, so local midnight always
   * falls on a window boundary and the day cannot change inside a window.
   */
  memoDay(timeZone: string, at: number, make: () => string): string;
}

/** The window within which a local calendar day cannot change (see memoDay). */
const QUARTER_HOUR_MS = 15 * 60 * 1000;

/** Formatted strings kept before the memo starts over (bounded memory for a long-running process). */
const MAX_MEMO_ENTRIES = 4096;

/** Creates an empty cache; formatters are built on first use. Pure. */
export function createIntlCache(): IntlCache {
  const money = new Map<string, Intl.NumberFormat>();
  const longDates = new Map<string, Intl.DateTimeFormat>();
  const days = new Map<string, Intl.DateTimeFormat>();
  const strings = new Map<string, string>();
  const lastDay = new Map<string, { window: number; day: string }>();
  return {
    moneyFormat(locale, currency, digits) {
      const key = `${locale}|${currency}|${digits}`;
      let format = money.get(key);
      if (format === undefined) {
        format = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
        money.set(key, format);
      }
      return format;
    },
    longDateFormat(locale) {
      let format = longDates.get(locale);
      if (format === undefined) {
        format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
        longDates.set(locale, format);
      }
      return format;
    },
    dayFormat(timeZone) {
      let format = days.get(timeZone);
      if (format === undefined) {
        format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' });
        days.set(timeZone, format);
      }
      return format;
    },
    memo(key, make) {
      const hit = strings.get(key);
      if (hit !== undefined) return hit;
      if (strings.size >= MAX_MEMO_ENTRIES) strings.clear();
      const made = make();
      strings.set(key, made);
      return made;
    },
    memoDay(timeZone, at, make) {
      const window = Math.floor(at / QUARTER_HOUR_MS);
      const last = lastDay.get(timeZone);
      if (last !== undefined && last.window === window) return last.day;
      const day = make();
      lastDay.set(timeZone, { window, day });
      return day;
    },
  };
}
