import { currencyDigits } from './currencyDigits';
import type { TemplateFilter } from './compiledFlow';

/** What formatting needs besides the value: the session locale and the memo of Intl formatters. */
export interface FormatContext {
  locale: string;
  timeZone: string;
  /** Used by `money` when the value carries no currency (an amount the debtor said without one). */
  defaultCurrency?: string;
  formatters: Map<string, Intl.NumberFormat | Intl.DateTimeFormat>;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function numberFormat(ctx: FormatContext, key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const cacheKey = `n|${ctx.locale}|${key}`;
  const cached = ctx.formatters.get(cacheKey);
  if (cached instanceof Intl.NumberFormat) return cached;
  const created = new Intl.NumberFormat(ctx.locale, options);
  ctx.formatters.set(cacheKey, created);
  return created;
}

function dateFormat(ctx: FormatContext, timeZone: string): Intl.DateTimeFormat {
  const cacheKey = `d|${ctx.locale}|${timeZone}`;
  const cached = ctx.formatters.get(cacheKey);
  if (cached instanceof Intl.DateTimeFormat) return cached;
  const created = new Intl.DateTimeFormat(ctx.locale, { dateStyle: 'long', timeZone });
  ctx.formatters.set(cacheKey, created);
  return created;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Integer minor units → amount in display units, rounded half away from zero without float drift. */
function toDisplayUnits(minor: number, minorDigits: number, displayDigits: number): number {
  const drop = 10 ** Math.max(0, minorDigits - displayDigits);
  const rounded = Math.sign(minor) * Math.round(Math.abs(minor) / drop);
  return rounded / 10 ** displayDigits;
}

function formatMoney(value: unknown, ctx: FormatContext): string | undefined {
  if (!isRecord(value) || typeof value.minor !== 'number' || !Number.isInteger(value.minor)) return undefined;
  const currency = typeof value.currency === 'string' ? value.currency : ctx.defaultCurrency;
  if (currency === undefined) return undefined;
  const digits = currencyDigits(currency);
  const format = numberFormat(ctx, `money|${currency}`, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits.display,
    maximumFractionDigits: digits.display,
  });
  return format.format(toDisplayUnits(value.minor, digits.minor, digits.display));
}

function formatDate(value: unknown, ctx: FormatContext): string | undefined {
  if (typeof value !== 'string') return undefined;
  const day = ISO_DATE.exec(value);
  // A calendar date has no time zone: format it as UTC so it never shifts a day.
  if (day) return dateFormat(ctx, 'UTC').format(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
  const instant = Date.parse(value);
  if (Number.isNaN(instant)) return undefined;
  return dateFormat(ctx, ctx.timeZone).format(instant);
}

/**
 * Formats one template value with an optional filter in the session locale. Returns undefined when the value
 * does not fit the filter (the caller audits it). Pure apart from filling the formatter memo in ctx.
 * `percent` takes basis points: 1250 → 12.5 %.
 */
export function formatValue(value: unknown, filter: TemplateFilter | undefined, ctx: FormatContext): string | undefined {
  switch (filter) {
    case 'money':
      return formatMoney(value, ctx);
    case 'date':
      return formatDate(value, ctx);
    case 'number':
      return typeof value === 'number' ? numberFormat(ctx, 'number', { maximumFractionDigits: 2 }).format(value) : undefined;
    case 'percent':
      return typeof value === 'number'
        ? numberFormat(ctx, 'percent', { style: 'percent', maximumFractionDigits: 2 }).format(value / 10_000)
        : undefined;
    case undefined:
      if (typeof value === 'string') return value;
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      return undefined;
  }
}
