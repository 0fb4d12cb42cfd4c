import { formatIsoDate, parseIsoDate } from '../dates/isoDate';

/**
 * A verification answer in one canonical form so "1.234", "12-34" and "1234" hash alike: dates (ISO
 * 1988-04-12, or day-first 12/04/1988, 12-04-1988, 12.04.1988 as written in Latin America and Spain; 'mdy' for
 * the US) become YYYY-MM-DD; anything else keeps only letters and digits, upper-cased (Spanish DNI letters). Pure.
 */
export function normalizeVerificationFactor(value: string, dateOrder: 'dmy' | 'mdy' = 'dmy'): string {
  const text = value.trim();
  const iso = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text);
  const local = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(text);
  const parts = iso
    ? { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) }
    : local
      ? { year: Number(local[3]), month: Number(dateOrder === 'dmy' ? local[2] : local[1]), day: Number(dateOrder === 'dmy' ? local[1] : local[2]) }
      : null;
  if (parts) {
    const date = formatIsoDate(parts.year, parts.month, parts.day);
    if (parseIsoDate(date)) return date;
  }
  return text.normalize('NFKD').replace(/[^0-9A-Za-z]/g, '').toUpperCase();
}
