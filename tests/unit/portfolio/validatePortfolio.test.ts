import { describe, expect, it } from 'vitest';
import { PORTFOLIO_COLUMNS, type PortfolioColumn } from '../../../src/core/portfolio/portfolioColumns';
import { formatPortfolioIssue } from '../../../src/core/portfolio/portfolioIssue';
import { validatePortfolio } from '../../../src/core/portfolio/validatePortfolio';

const base: Record<PortfolioColumn, string> = {
  external_id: 'C-1', first_name: 'María', last_name: 'Pérez', phone: '300 123 4567', email: 'maria@example.com', country: 'CO',
  locale: '', timezone: '', document_last4: '1234', birth_date: '1988-04-12', account_id: 'A-1', creditor: 'Banco Andino',
  product: 'Tarjeta de crédito', currency: 'COP', balance: '1250000.50', due_date: '2026-10-01', segment: '', consent_whatsapp: 'true', consent_sms: 'no',
};

function csv(...rows: Array<Partial<Record<PortfolioColumn, string>>>): string {
  const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [PORTFOLIO_COLUMNS.join(','), ...rows.map((r) => PORTFOLIO_COLUMNS.map((c) => quote(r[c] ?? base[c])).join(','))].join('\r\n');
}

function problems(text: string): string[] {
  const result = validatePortfolio(text);
  if (result.ok) throw new Error('expected the file to be rejected');
  return result.issues.map(formatPortfolioIssue);
}

describe('validatePortfolio', () => {
  it('normalises a valid row: E.164 phone, zone and locale from the country, exact minor units, consent flags', () => {
    const result = validatePortfolio(`\uFEFF${csv({})}`);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.rows[0]).toEqual({
      line: 2,
      debtor: {
        externalId: 'C-1', firstName: 'María', lastName: 'Pérez', email: 'maria@example.com', country: 'CO', locale: 'es-CO', timeZone: 'America/Bogota',
        phone: '+573001234567', documentLast4: '1234', birthDate: '1988-04-12', consentWhatsapp: true, consentSms: false, region: null,
      },
      account: { externalId: 'A-1', creditor: 'Banco Andino', product: 'Tarjeta de crédito', currency: 'COP', balanceMinor: 125000050, dueDate: '2026-10-01', segment: null, breakdown: null },
    });
  });

  it('uses each currency\'s minor digits exactly (CLP none, USD two) and the capital zone of multi-zone countries', () => {
    const result = validatePortfolio(csv(
      { external_id: 'CL-1', account_id: 'A-CL', country: 'CL', phone: '9 1234 5678', currency: 'CLP', balance: '480000' },
      { external_id: 'US-1', account_id: 'A-US', country: 'US', phone: '(212) 555-0123', currency: 'USD', balance: '0.10' },
    ));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.rows.map((r) => [r.account.balanceMinor, r.debtor.timeZone, r.debtor.locale])).toEqual([
      [480000, 'America/Santiago', 'es-CL'],
      [10, 'America/New_York', 'en-US'],
    ]);
  });

  it('names the line and column of every cell problem, with what to do', () => {
    const text = csv(
      { email: 'maria@', document_last4: '12', birth_date: '1988-13-01', consent_whatsapp: 'maybe' },
      { external_id: 'C-2', account_id: 'A-2', phone: '12345', balance: '12.345', due_date: '01/10/2026' },
      { external_id: 'C-3', account_id: 'A-3', phone: '+57 300 765 4321', country: 'XX', currency: 'ABC', timezone: 'Mars/Base' },
      { external_id: 'C-4', account_id: 'A-4', phone: '+57 300 765 0000', document_last4: '', birth_date: '', balance: '-5', first_name: ' ' },
    );
    expect(problems(text)).toEqual([
      'line 2, column email: is not an email address: write it like name@example.com, or leave it empty',
      'line 2, column document_last4: must be exactly the last 4 digits (or letters) of the document, e.g. 1234',
      'line 2, column birth_date: is not a birth date: write it as YYYY-MM-DD, e.g. 1988-04-12',
      'line 2, column consent_whatsapp: is not a yes/no value: write true or false (empty means no consent)',
      'line 3, column due_date: is not a date: write it as YYYY-MM-DD, e.g. 2026-11-30',
      'line 3, column phone: 12345 is not a valid phone number for CO: write it with the country code, e.g. +57 300 123 4567',
      'line 3, column balance: "12.345" has more decimals than COP allows (2): round it to that many decimals',
      'line 4, column currency: is not a currency this service knows: write an ISO 4217 code such as COP, MXN, PEN, CLP, EUR or USD',
      'line 4, column country: XX is not a country code: write CO, MX, PE, CL, ES or US',
      'line 4, column timezone: Mars/Base is not an IANA time zone: write one such as America/Bogota, or leave it empty to use the country\'s',
      'line 5, column first_name: is empty: write the first name, e.g. María',
      'line 5, column document_last4: is empty and so is birth_date: give at least one so the debtor can verify who they are',
      'line 5, column balance: is negative: write the amount owed as a positive number, or 0 when settled',
    ]);
  });

  it('rejects a header without exactly the documented columns', () => {
    const header = [...PORTFOLIO_COLUMNS.filter((c) => c !== 'segment'), 'notes', 'phone'].join(',');
    expect(problems(`${header}\n`)).toEqual([
      'line 1, column notes: is not a portfolio column: remove it or rename it to one of ' + PORTFOLIO_COLUMNS.join(', ') + ' (optional: principal, interest, fees, region)',
      'line 1, column phone: appears twice in the header: keep one',
      'line 1, column segment: is missing from the header: add it (it may be empty on rows where it does not apply)',
    ]);
  });

  it('rejects rows with the wrong number of values and CSV syntax errors, naming the column', () => {
    const short = `${csv({})}\r\nC-9,Ana`;
    expect(problems(short)).toEqual([
      'line 3, column last_name: the row has 2 values but the header has 19: check for a missing or extra comma, and quote values that contain commas',
    ]);
    expect(problems(`${PORTFOLIO_COLUMNS.join(',')}\nC-1,"Ana "x",y`)).toEqual([
      'line 2, column first_name: text after a closing double quote: put the whole value inside the quotes, or add the missing comma',
    ]);
  });

  it('checks across rows: accounts once, one debtor per phone, a debtor\'s columns the same on each row', () => {
    const text = csv(
      {},
      { account_id: 'A-1' },
      { account_id: 'A-2', first_name: 'Mariana' },
      { external_id: 'C-2', account_id: 'A-3' },
    );
    expect(problems(text)).toEqual([
      'line 3, column account_id: A-1 is already on line 2: list each account once',
      'line 4, column first_name: differs from line 2 for debtor C-1: a debtor\'s columns must be the same on all their rows',
      'line 5, column phone: +573001234567 is also the phone of debtor C-1 on line 2: a number belongs to one debtor',
    ]);
  });

  it('accepts one debtor with several accounts and counts it once', () => {
    const result = validatePortfolio(csv({}, { account_id: 'A-2', balance: '10' }));
    expect(result.ok && result.value.debtors.length).toBe(1);
  });

  it('caps the reported problems but counts them all', () => {
    const rows = Array.from({ length: 30 }, (_, i) => ({ external_id: `C-${i}`, account_id: `A-${i}`, phone: `+57 300 100 ${String(1000 + i)}`, currency: 'XXX' }));
    const result = validatePortfolio(csv(...rows), { maxIssues: 10 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect([result.issues.length, result.totalIssues]).toEqual([10, 30]);
  });
  it('reads the optional region column (ISO 3166-2, upper-cased) and names the line and column of a bad one', () => {
    const withRegion = (rows: Array<Record<string, string>>) =>
      [[...PORTFOLIO_COLUMNS, 'region'].join(','), ...rows.map((r) => [...PORTFOLIO_COLUMNS.map((c) => r[c] ?? base[c]), r.region ?? ''].join(','))].join('\r\n');
    const ok = validatePortfolio(withRegion([
      { external_id: 'ES-1', account_id: 'A-ES1', country: 'ES', phone: '612 345 678', currency: 'EUR', balance: '120.00', region: 'es-md' },
      { external_id: 'ES-2', account_id: 'A-ES2', country: 'ES', phone: '612 345 679', currency: 'EUR', balance: '120.00', region: '' },
    ]));
    expect(ok.ok && ok.value.rows.map((r) => r.debtor.region)).toEqual(['ES-MD', null]);
    expect(problems(withRegion([
      { external_id: 'ES-1', account_id: 'A-ES1', country: 'ES', phone: '612 345 678', currency: 'EUR', balance: '120.00', region: 'Madrid' },
      { external_id: 'CL-1', account_id: 'A-CL1', country: 'CL', phone: '9 1234 5678', currency: 'CLP', balance: '480000', region: 'ES-MD' },
    ]))).toEqual([
      'line 2, column region: is not a region code: write the ISO 3166-2 subdivision, e.g. CL-RM, ES-MD or US-CA, or leave it empty',
      'line 3, column region: ES-MD is not a region of CL: write a subdivision code that starts with CL-, or leave it empty',
    ]);
  });
});
