import { hasInvalidCharacters } from '../text/invalidCharacters';
import { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js';
import { parseDecimalAmount } from '../collections/money/parseDecimalAmount';
import { countryDefaults } from './countryDefaults';
import { portfolioCellsSchema, type PortfolioCells } from './portfolioCellsSchema';
import type { PortfolioIssue } from './portfolioIssue';
import type { PortfolioAccount, PortfolioRow } from './portfolioRow';

export type ValidateRowResult = { ok: true; row: PortfolioRow } | { ok: false; issues: PortfolioIssue[] };

type Report = (column: string, message: string) => void;

/**
 * Validates and normalises one portfolio row given as column name → cell text (every PORTFOLIO_COLUMNS key):
 * each cell with zod, then the checks that need two cells (phone parsed as E.164 with the row's country, balance
 * in the currency's exact minor units, time zone and locale defaulted from the country, at least one verification
 * factor) wherever the cells they need are valid, so one pass reports every problem of the row (at most one per
 * column). `isTimeZone` answers whether an IANA zone exists (the caller caches it). Pure.
 */
export function validatePortfolioRow(cells: Readonly<Record<string, string>>, line: number, isTimeZone: (zone: string) => boolean): ValidateRowResult {
  const trimmed = Object.fromEntries(Object.entries(cells).map(([k, v]) => [k, v.trim()]));
  const issues: PortfolioIssue[] = [];
  const seen = new Set<string>();
  const add: Report = (column, message) => {
    if (seen.has(column)) return;
    seen.add(column);
    issues.push({ line, column, message });
  };
  for (const [column, value] of Object.entries(trimmed)) {
    if (hasInvalidCharacters(value)) add(column, 'contains an invalid character (a NUL byte, another control character or broken Unicode): remove it');
  }
  const parsed = portfolioCellsSchema.safeParse(trimmed);
  const values = parsed.success ? parsed.data : parseEachCell(trimmed, add);
  const row = buildRow(values, line, isTimeZone, add);
  return row && issues.length === 0 ? { ok: true, row } : { ok: false, issues };
}

/** On a failed row, parses cell by cell so the valid cells can still take part in the two-cell checks. */
function parseEachCell(trimmed: Record<string, string>, add: Report): Partial<PortfolioCells> {
  const shape = portfolioCellsSchema.shape;
  const parse = (key: keyof PortfolioCells): string | boolean | undefined => {
    const result = shape[key].safeParse(trimmed[key] ?? '');
    if (result.success) return result.data;
    add(key, result.error.issues[0]?.message ?? 'is not valid');
    return undefined;
  };
  const pick = (key: Exclude<keyof PortfolioCells, 'consent_whatsapp' | 'consent_sms'>): string | undefined => {
    const value = parse(key);
    return typeof value === 'string' ? value : undefined;
  };
  const flag = (key: 'consent_whatsapp' | 'consent_sms'): boolean | undefined => {
    const value = parse(key);
    return typeof value === 'boolean' ? value : undefined;
  };
  return {
    external_id: pick('external_id'), first_name: pick('first_name'), last_name: pick('last_name'), phone: pick('phone'), email: pick('email'),
    country: pick('country'), locale: pick('locale'), timezone: pick('timezone'), document_last4: pick('document_last4'), birth_date: pick('birth_date'),
    account_id: pick('account_id'), creditor: pick('creditor'), product: pick('product'), currency: pick('currency'), balance: pick('balance'),
    due_date: pick('due_date'), segment: pick('segment'), consent_whatsapp: flag('consent_whatsapp'), consent_sms: flag('consent_sms'),
    principal: pick('principal'), interest: pick('interest'), fees: pick('fees'), region: pick('region'),
  };
}

function buildRow(c: Partial<PortfolioCells>, line: number, isTimeZone: (zone: string) => boolean, add: Report): PortfolioRow | null {
  const country = c.country !== undefined && isSupportedCountry(c.country) ? c.country : undefined;
  if (c.country !== undefined && !country) add('country', `${c.country} is not a country code: write CO, MX, PE, CL, ES or US`);
  const defaults = country ? countryDefaults(country) : undefined;
  if (c.timezone && !isTimeZone(c.timezone)) add('timezone', `${c.timezone} is not an IANA time zone: write one such as America/Bogota, or leave it empty to use the country's`);
  const timeZone = c.timezone || defaults?.timeZone;
  if (country && !timeZone) add('timezone', `is empty and ${country} has no default time zone: write the debtor's IANA zone, e.g. America/Bogota`);
  const locale = c.locale || defaults?.locale;
  if (country && !locale) add('locale', `is empty and ${country} has no default locale: write one such as es-CO or en-US`);
  const phone = country && c.phone ? parsePhoneNumberFromString(c.phone, country) : undefined;
  if (country && c.phone && !phone?.isValid()) add('phone', `${c.phone} is not a valid phone number for ${country}: write it with the country code, e.g. +57 300 123 4567`);
  if (c.document_last4 === '' && c.birth_date === '') add('document_last4', 'is empty and so is birth_date: give at least one so the debtor can verify who they are');
  const balance = c.balance !== undefined && c.currency !== undefined ? parseDecimalAmount(c.balance, c.currency, '.') : undefined;
  if (balance && !balance.ok) add('balance', balance.error.code === 'MONEY.TOO_MANY_DECIMALS' ? `${balance.error.message}: round it to that many decimals` : balance.error.message);
  if (balance?.ok && balance.value.minor < 0) add('balance', 'is negative: write the amount owed as a positive number, or 0 when settled');
  const breakdown = readBreakdown(c, add);
  const regionOk = !c.region || !country || c.region.startsWith(`${country}-`);
  if (!regionOk) add('region', `${c.region} is not a region of ${country}: write a subdivision code that starts with ${country}-, or leave it empty`);
  if (!balance?.ok || balance.value.minor < 0 || !phone?.isValid() || !timeZone || !locale || !country || breakdown === undefined || !regionOk) return null;
  if (c.region === undefined) return null;
  if (c.external_id === undefined || c.first_name === undefined || c.last_name === undefined || c.email === undefined || c.document_last4 === undefined) return null;
  if (c.birth_date === undefined || c.account_id === undefined || c.creditor === undefined || c.product === undefined || c.currency === undefined) return null;
  if (c.due_date === undefined || c.segment === undefined || c.consent_whatsapp === undefined || c.consent_sms === undefined) return null;
  return {
    line,
    debtor: {
      externalId: c.external_id, firstName: c.first_name, lastName: c.last_name, email: c.email || null, country, locale, timeZone,
      phone: phone.number, documentLast4: c.document_last4 ? c.document_last4.toUpperCase() : null, birthDate: c.birth_date || null,
      consentWhatsapp: c.consent_whatsapp, consentSms: c.consent_sms, region: c.region || null,
    },
    account: {
      externalId: c.account_id, creditor: c.creditor, product: c.product, currency: c.currency, balanceMinor: balance.value.minor, breakdown,
      dueDate: c.due_date, segment: c.segment || null,
    },
  };
}

const BREAKDOWN = ['principal', 'interest', 'fees'] as const;

/**
 * The optional balance breakdown: null when the three cells are empty (or absent), the amounts in minor units when
 * all three are valid, undefined (with the problem reported) when only some are given or one is not an amount.
 */
function readBreakdown(c: Partial<PortfolioCells>, add: Report): PortfolioAccount['breakdown'] | undefined {
  const given = BREAKDOWN.filter((k) => (c[k] ?? '') !== '');
  if (given.length === 0) return null;
  const missing = BREAKDOWN.find((k) => (c[k] ?? '') === '');
  if (missing) {
    add(missing, `is empty but ${given.join(' and ')} ${given.length === 1 ? 'is' : 'are'} given: give principal, interest and fees together, or leave all three empty`);
    return undefined;
  }
  if (c.currency === undefined) return undefined;
  const minor: number[] = [];
  for (const key of BREAKDOWN) {
    const parsed = parseDecimalAmount(c[key] ?? '', c.currency, '.');
    if (!parsed.ok) add(key, `${parsed.error.message}: write the amount with a dot for decimals, e.g. 1100000.00`);
    else if (parsed.value.minor < 0) add(key, 'is negative: write it as a positive amount');
    else minor.push(parsed.value.minor);
  }
  const [principalMinor, interestMinor, feesMinor] = minor;
  return principalMinor === undefined || interestMinor === undefined || feesMinor === undefined ? undefined : { principalMinor, interestMinor, feesMinor };
}
