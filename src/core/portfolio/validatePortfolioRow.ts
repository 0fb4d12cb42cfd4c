import { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js';
import { parseDecimalAmount } from '../collections/money/parseDecimalAmount';
import { countryDefaults } from './countryDefaults';
import { portfolioCellsSchema, type PortfolioCells } from './portfolioCellsSchema';
import type { PortfolioIssue } from './portfolioIssue';
import type { PortfolioRow } from './portfolioRow';

export type ValidateRowResult = { ok: true; row: PortfolioRow } | { ok: false; issues: PortfolioIssue[] };

/**
 * Validates and normalises one portfolio row given as column name → cell text (every PORTFOLIO_COLUMNS key): each cell with zod, then the checks
 * that need two cells (phone parsed as E.164 with the row's country, balance in the currency's exact minor units,
 * time zone and locale defaulted from the country, at least one verification factor). Reports at most one issue
 * per column. `isTimeZone` answers whether an IANA zone exists (the caller caches it). Pure.
 */
export function validatePortfolioRow(cells: Readonly<Record<string, string>>, line: number, isTimeZone: (zone: string) => boolean): ValidateRowResult {
  const trimmed = Object.fromEntries(Object.entries(cells).map(([k, v]) => [k, v.trim()]));
  const parsed = portfolioCellsSchema.safeParse(trimmed);
  const issues: PortfolioIssue[] = [];
  const seen = new Set<string>();
  const add = (column: string, message: string): void => {
    if (seen.has(column)) return;
    seen.add(column);
    issues.push({ line, column, message });
  };
  if (!parsed.success) {
    for (const issue of parsed.error.issues) add(String(issue.path[0] ?? 'external_id'), issue.message);
    return { ok: false, issues };
  }
  const row = buildRow(parsed.data, line, isTimeZone, add);
  return row && issues.length === 0 ? { ok: true, row } : { ok: false, issues };
}

function buildRow(c: PortfolioCells, line: number, isTimeZone: (zone: string) => boolean, add: (column: string, message: string) => void): PortfolioRow | null {
  const defaults = countryDefaults(c.country);
  if (!isSupportedCountry(c.country)) add('country', `${c.country} is not a country code: write CO, MX, PE, CL, ES or US`);
  const timeZone = c.timezone || defaults?.timeZone || '';
  if (c.timezone && !isTimeZone(c.timezone)) add('timezone', `${c.timezone} is not an IANA time zone: write one such as America/Bogota, or leave it empty to use the country's`);
  if (!timeZone) add('timezone', `is empty and ${c.country} has no default time zone: write the debtor's IANA zone, e.g. America/Bogota`);
  const locale = c.locale || defaults?.locale || '';
  if (!locale) add('locale', `is empty and ${c.country} has no default locale: write one such as es-CO or en-US`);
  const phone = isSupportedCountry(c.country) ? parsePhoneNumberFromString(c.phone, c.country) : undefined;
  if (isSupportedCountry(c.country) && !phone?.isValid()) {
    add('phone', `${c.phone} is not a valid phone number for ${c.country}: write it with the country code, e.g. +57 300 123 4567`);
  }
  if (!c.document_last4 && !c.birth_date) add('document_last4', 'is empty and so is birth_date: give at least one so the debtor can verify who they are');
  const balance = parseDecimalAmount(c.balance, c.currency, '.');
  if (!balance.ok) add('balance', balance.error.code === 'MONEY.TOO_MANY_DECIMALS' ? `${balance.error.message}: round it to that many decimals` : balance.error.message);
  else if (balance.value.minor < 0) add('balance', 'is negative: write the amount owed as a positive number, or 0 when settled');
  if (!balance.ok || balance.value.minor < 0 || !phone?.isValid() || !timeZone || !locale) return null;
  return {
    line,
    debtor: {
      externalId: c.external_id,
      firstName: c.first_name,
      lastName: c.last_name,
      email: c.email || null,
      country: c.country,
      locale,
      timeZone,
      phone: phone.number,
      documentLast4: c.document_last4 ? c.document_last4.toUpperCase() : null,
      birthDate: c.birth_date || null,
      consentWhatsapp: c.consent_whatsapp,
      consentSms: c.consent_sms,
    },
    account: {
      externalId: c.account_id,
      creditor: c.creditor,
      product: c.product,
      currency: c.currency,
      balanceMinor: balance.value.minor,
      dueDate: c.due_date,
      segment: c.segment || null,
    },
  };
}
