import { formatMoney } from '../../core/collections/money/formatMoney';
import { toLocalTime } from '../../core/compliance/localTime';

/** "3 min", "2 h 05 min", "4 d 3 h": how long since `since`. Pure. */
export function formatWait(since: Date, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - since.getTime()) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** An instant as "2026-12-05 14:03 UTC". Pure. */
export function formatInstant(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Minor units as money in the currency ("COP 1.500.000", "USD 1,250.00"). Pure. */
export function formatAmount(minor: number, currency: string): string {
  return formatMoney({ minor, currency }, currency === 'USD' ? 'en-US' : 'es-CO');
}

/** An instant on the debtor's clock: "Mon 2026-12-07 08:00 America/Bogota". Pure. */
export function formatLocalInstant(at: Date, timeZone: string): string {
  const local = toLocalTime(at, timeZone);
  const clock = `${String(Math.floor(local.minutes / 60)).padStart(2, '0')}:${String(local.minutes % 60).padStart(2, '0')}`;
  return `${local.weekday.charAt(0).toUpperCase()}${local.weekday.slice(1)} ${local.date} ${clock} ${timeZone}`;
}
