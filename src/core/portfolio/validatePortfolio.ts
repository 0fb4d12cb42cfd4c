import { parseCsv } from './parseCsv';
import { OPTIONAL_PORTFOLIO_COLUMNS, PORTFOLIO_COLUMNS, type PortfolioColumn } from './portfolioColumns';
import type { PortfolioIssue } from './portfolioIssue';
import type { PortfolioDebtor, PortfolioRow } from './portfolioRow';
import { validatePortfolioRow, type ValidateRowResult } from './validatePortfolioRow';
import type { CsvRecord } from './createCsvRecordReader';

export interface ValidPortfolio {
  rows: PortfolioRow[];
  /** One entry per external_id (a debtor with several accounts has several rows). */
  debtors: PortfolioDebtor[];
}

export type ValidatePortfolioResult =
  | { ok: true; value: ValidPortfolio }
  | { ok: false; error: { code: 'PORTFOLIO.INVALID'; message: string }; issues: PortfolioIssue[]; totalIssues: number };

/**
 * Validates a whole portfolio CSV before anything is written: RFC 4180 syntax, a header with exactly the
 * documented columns (any order), every row (validatePortfolioRow), an account appears once, and across valid
 * rows: a debtor's columns agree on all their rows, a phone belongs to one debtor. Collects every problem (up to
 * maxIssues, counting the rest) so one run shows them all. Pure.
 */
export function validatePortfolio(text: string, options: { maxIssues?: number } = {}): ValidatePortfolioResult {
  const maxIssues = options.maxIssues ?? 500;
  const issues: PortfolioIssue[] = [];
  let total = 0;
  const report = (issue: PortfolioIssue): void => {
    total += 1;
    if (issues.length < maxIssues) issues.push(issue);
  };
  const reject = (): ValidatePortfolioResult => ({
    ok: false,
    error: { code: 'PORTFOLIO.INVALID', message: `the file has ${total} problem(s); nothing was imported` },
    issues,
    totalIssues: total,
  });

  const parsed = parseCsv(text);
  if (!parsed.ok) {
    const column = parsed.recordsBefore[0]?.fields[parsed.error.field]?.trim() || `#${parsed.error.field + 1}`;
    report({ line: parsed.error.line, column, message: parsed.error.message });
    return reject();
  }
  const [header, ...records] = parsed.records;
  if (!header) {
    report({ line: 1, column: 'external_id', message: `the file is empty: start with the header line ${PORTFOLIO_COLUMNS.join(',')}` });
    return reject();
  }
  const headerIssues = checkHeader(header.fields);
  if (headerIssues.length > 0) {
    headerIssues.forEach(report);
    return reject();
  }
  if (records.length === 0) report({ line: header.line + 1, column: 'external_id', message: 'the file has a header but no rows: add one row per account' });

  const rows: PortfolioRow[] = [];
  const isTimeZone = createTimeZoneCheck();
  const accountLines = new Map<string, number>();
  const accountColumn = header.fields.findIndex((f) => f.trim() === 'account_id');
  for (const record of records) {
    const accountId = record.fields[accountColumn]?.trim();
    const seenOn = accountId ? accountLines.get(accountId) : undefined;
    if (accountId && seenOn !== undefined) report({ line: record.line, column: 'account_id', message: `${accountId} is already on line ${seenOn}: list each account once` });
    else if (accountId) accountLines.set(accountId, record.line);
    const result = validatePortfolioRecord(header.fields, record, isTimeZone);
    if (result.ok) rows.push(result.row);
    else result.issues.forEach(report);
  }
  const debtors = checkAcrossRows(rows, report);
  return total > 0 ? reject() : { ok: true, value: { rows, debtors } };
}

/**
 * Validates one data record against the header's column names: the number of values, then validatePortfolioRow.
 * `isTimeZone` comes from createTimeZoneCheck (cached). Pure.
 */
export function validatePortfolioRecord(headerFields: readonly string[], record: CsvRecord, isTimeZone: (zone: string) => boolean): ValidateRowResult {
  if (record.fields.length !== headerFields.length) {
    const column = headerFields[Math.min(record.fields.length, headerFields.length - 1)]?.trim() ?? 'external_id';
    return { ok: false, issues: [{ line: record.line, column, message: `the row has ${record.fields.length} values but the header has ${headerFields.length}: check for a missing or extra comma, and quote values that contain commas` }] };
  }
  const cells = Object.fromEntries(headerFields.map((name, i) => [name.trim(), record.fields[i] ?? '']));
  return validatePortfolioRow(cells, record.line, isTimeZone);
}

/** An IANA time zone check that remembers each zone it was asked about. Pure (a cache of its own). */
export function createTimeZoneCheck(): (zone: string) => boolean {
  const zones = new Map<string, boolean>();
  return (zone) => {
    let known = zones.get(zone);
    if (known === undefined) zones.set(zone, (known = isIanaTimeZone(zone)));
    return known;
  };
}

/** The problems of a header line: a column that is not a portfolio column, a repeated one, a missing one. Pure. */
export function checkHeader(fields: readonly string[]): PortfolioIssue[] {
  const names = fields.map((f) => f.trim());
  const issues: PortfolioIssue[] = [];
  const expected = new Set<string>([...PORTFOLIO_COLUMNS, ...OPTIONAL_PORTFOLIO_COLUMNS]);
  names.forEach((name, i) => {
    if (!expected.has(name)) issues.push({ line: 1, column: name || `#${i + 1}`, message: `is not a portfolio column: remove it or rename it to one of ${PORTFOLIO_COLUMNS.join(', ')} (optional: ${OPTIONAL_PORTFOLIO_COLUMNS.join(', ')})` });
    else if (names.indexOf(name) !== i) issues.push({ line: 1, column: name, message: 'appears twice in the header: keep one' });
  });
  for (const column of PORTFOLIO_COLUMNS) {
    if (!names.includes(column)) issues.push({ line: 1, column, message: 'is missing from the header: add it (it may be empty on rows where it does not apply)' });
  }
  return issues;
}

function checkAcrossRows(rows: readonly PortfolioRow[], report: (issue: PortfolioIssue) => void): PortfolioDebtor[] {
  const debtors = new Map<string, { line: number; debtor: PortfolioDebtor; key: string }>();
  const phones = new Map<string, { line: number; externalId: string }>();
  for (const row of rows) {
    const key = JSON.stringify(row.debtor);
    const first = debtors.get(row.debtor.externalId);
    if (first && first.key !== key) {
      const column = differingColumn(first.debtor, row.debtor);
      report({ line: row.line, column, message: `differs from line ${first.line} for debtor ${row.debtor.externalId}: a debtor's columns must be the same on all their rows` });
    } else if (!first) debtors.set(row.debtor.externalId, { line: row.line, debtor: row.debtor, key });

    const owner = phones.get(row.debtor.phone);
    if (owner && owner.externalId !== row.debtor.externalId) {
      report({ line: row.line, column: 'phone', message: `${row.debtor.phone} is also the phone of debtor ${owner.externalId} on line ${owner.line}: a number belongs to one debtor` });
    } else if (!owner) phones.set(row.debtor.phone, { line: row.line, externalId: row.debtor.externalId });
  }
  return [...debtors.values()].map((d) => d.debtor);
}

const DEBTOR_COLUMNS: ReadonlyArray<[keyof PortfolioDebtor, PortfolioColumn]> = [
  ['firstName', 'first_name'], ['lastName', 'last_name'], ['phone', 'phone'], ['email', 'email'], ['country', 'country'],
  ['locale', 'locale'], ['timeZone', 'timezone'], ['documentLast4', 'document_last4'], ['birthDate', 'birth_date'],
  ['consentWhatsapp', 'consent_whatsapp'], ['consentSms', 'consent_sms'],
];

/** The first debtor column whose value differs between two rows of one debtor. Pure. */
export function differingColumn(a: PortfolioDebtor, b: PortfolioDebtor): PortfolioColumn {
  return DEBTOR_COLUMNS.find(([field]) => a[field] !== b[field])?.[1] ?? 'external_id';
}

function isIanaTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
