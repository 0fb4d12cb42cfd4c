import type { Kysely } from 'kysely';
import { stagePortfolioRows } from '../../adapters/db/collections/portfolioStaging';
import type { DB } from '../../adapters/db/schema';
import { createCsvRecordReader, type CsvRecord, type CsvSyntaxError } from '../../core/portfolio/createCsvRecordReader';
import { createUtf8Checker, type InvalidUtf8 } from '../../core/portfolio/createUtf8Checker';
import { PORTFOLIO_ENCODING_LABELS, type PortfolioEncoding } from '../../core/portfolio/portfolioEncoding';
import { PORTFOLIO_COLUMNS } from '../../core/portfolio/portfolioColumns';
import type { IssueCollector } from '../../core/portfolio/portfolioIssue';
import type { PortfolioRow } from '../../core/portfolio/portfolioRow';
import { checkHeader, createTimeZoneCheck, validatePortfolioRecord } from '../../core/portfolio/validatePortfolio';

/** How far reading a file has come (for an import job's progress). */
export interface ReadProgress {
  bytesRead: number;
  rowsRead: number;
}

export interface StageFileOptions {
  encoding: PortfolioEncoding;
  issues: IssueCollector;
  onProgress?: (progress: ReadProgress) => void;
  /** Valid rows per staging statement (default 1000). */
  batchSize?: number;
}

/**
 * Reads a portfolio file as it streams in (bytes in any pieces): checks that it is valid UTF-8 (or decodes it
 * from the declared Latin-1), parses CSV records incrementally, checks the header and validates each row, reporting
 * every problem to `issues`, and stages the valid rows up to the first problem (portfolioStaging) in batches, so memory holds one batch
 * whatever the file's size. Stops at the first encoding or CSV syntax error, or a bad header (nothing after it can
 * be read reliably). Returns the number of data rows read, and whether the whole file was read (not stopped). Does I/O (staging inserts, inside the caller's transaction).
 */
export async function stagePortfolioFile(trx: Kysely<DB>, source: AsyncIterable<Uint8Array>, opts: StageFileOptions): Promise<{ rows: number; complete: boolean }> {
  const checker = opts.encoding === 'utf-8' ? createUtf8Checker() : undefined;
  const decoder = new TextDecoder(opts.encoding === 'utf-8' ? 'utf-8' : 'windows-1252');
  const reader = createCsvRecordReader();
  const isTimeZone = createTimeZoneCheck();
  const size = opts.batchSize ?? 1000;
  let header: CsvRecord | undefined;
  let pending: PortfolioRow[] = [];
  const progress: ReadProgress = { bytesRead: 0, rowsRead: 0 };
  let stopped = false;

  const take = async (read: { records: CsvRecord[]; error?: CsvSyntaxError }): Promise<void> => {
    for (const record of read.records) {
      if (!header) {
        header = record;
        const problems = checkHeader(record.fields);
        problems.forEach(opts.issues.report);
        stopped = problems.length > 0;
        if (stopped) return;
        continue;
      }
      progress.rowsRead += 1;
      const result = validatePortfolioRecord(header.fields, record, isTimeZone);
      if (result.ok) pending.push(result.row);
      else result.issues.forEach(opts.issues.report);
      if (pending.length >= size) await flush();
    }
    if (read.error) {
      opts.issues.report({ line: read.error.line, column: columnName(read.error.field), message: read.error.message });
      stopped = true;
    }
  };
  const flush = async (): Promise<void> => {
    // Once a row is wrong the file is refused: keep validating every row (to report them all), but stop staging, so
    // the checks across rows cover the rows before the first problem and a bad file costs no database writes.
    if (opts.issues.total() === 0) await stagePortfolioRows(trx, pending);
    pending = [];
  };
  const columnName = (field: number): string => header?.fields[field]?.trim() || PORTFOLIO_COLUMNS[field] || `#${field + 1}`;

  for await (const chunk of source) {
    progress.bytesRead += chunk.byteLength;
    const bad = checker?.feed(chunk);
    if (bad) {
      // Read what comes before the bad byte (the header, at least), so the problem can name its column.
      await take(reader.feed(decoder.decode(chunk.subarray(0, bad.offset), { stream: true })));
      opts.issues.report(describeInvalidUtf8(bad, bad.line > 1 && header ? columnName(bad.field) : `#${bad.field + 1}`));
      return { rows: progress.rowsRead, complete: false };
    }
    await take(reader.feed(decoder.decode(chunk, { stream: true })));
    if (stopped) return { rows: progress.rowsRead, complete: false };
    opts.onProgress?.({ ...progress });
  }
  const bad = checker?.end();
  if (bad) {
    opts.issues.report(describeInvalidUtf8(bad, bad.line > 1 && header ? columnName(bad.field) : `#${bad.field + 1}`));
    return { rows: progress.rowsRead, complete: false };
  }
  await take(reader.feed(decoder.decode()));
  if (!stopped) await take(reader.end());
  if (stopped) return { rows: progress.rowsRead, complete: false };
  await flush();
  if (!header) opts.issues.report({ line: 1, column: 'external_id', message: `the file is empty: start with the header line ${PORTFOLIO_COLUMNS.join(',')}` });
  else if (progress.rowsRead === 0) opts.issues.report({ line: header.line + 1, column: 'external_id', message: 'the file has a header but no rows: add one row per account' });
  opts.onProgress?.({ ...progress });
  return { rows: progress.rowsRead, complete: true };
}

function describeInvalidUtf8(bad: InvalidUtf8, column: string): { line: number; column: string; message: string } {
  const hex = bad.byte.toString(16).toUpperCase().padStart(2, '0');
  return {
    line: bad.line,
    column,
    message:
      `byte 0x${hex} at character ${bad.character} of the line is not valid UTF-8 (the file looks saved as Latin-1 or Windows-1252): ` +
      `save it as UTF-8, or declare its encoding (API: Content-Type: text/csv; charset=ISO-8859-1; CLI: --encoding latin1); ${PORTFOLIO_ENCODING_LABELS} are read`,
  };
}
