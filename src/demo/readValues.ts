import type { Money } from './computeEqualPlan';

/**
 * Narrowing readers for slot and entity values, which arrive as `unknown` from the session JSON.
 * Each returns undefined for anything of the wrong shape instead of casting. Pure.
 */
export const readValues = {
  money(value: unknown, fallbackCurrency: string): Money | undefined {
    if (typeof value !== 'object' || value === null || !('minor' in value)) return undefined;
    const minor = value.minor;
    if (typeof minor !== 'number' || !Number.isInteger(minor)) return undefined;
    const currency = 'currency' in value && typeof value.currency === 'string' ? value.currency : fallbackCurrency;
    return { minor, currency };
  },
  isoDate(value: unknown): string | undefined {
    return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined;
  },
  count(value: unknown): number | undefined {
    return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
  },
  text(value: unknown): string | undefined {
    return typeof value === 'string' ? value : undefined;
  },
};
