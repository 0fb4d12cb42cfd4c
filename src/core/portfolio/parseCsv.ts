import { createCsvRecordReader, type CsvRecord, type CsvSyntaxError } from './createCsvRecordReader';

export type { CsvRecord } from './createCsvRecordReader';

export type ParseCsvResult = { ok: true; records: CsvRecord[] } | { ok: false; error: CsvSyntaxError; recordsBefore: CsvRecord[] };

/**
 * Parses a whole CSV text at once with createCsvRecordReader (RFC 4180; see there). On a syntax error returns it
 * with the records read before it, so the caller can name the column. Pure.
 */
export function parseCsv(text: string): ParseCsvResult {
  const reader = createCsvRecordReader();
  const read = reader.feed(text);
  if (read.error) return { ok: false, error: read.error, recordsBefore: read.records };
  const last = reader.end();
  const records = [...read.records, ...last.records];
  return last.error ? { ok: false, error: last.error, recordsBefore: records } : { ok: true, records };
}
