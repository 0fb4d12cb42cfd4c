import { z } from 'zod';
import { parseIsoDate } from '../collections/dates/isoDate';
import { isKnownCurrency } from '../collections/money/currencyDigits';

/**
 * Cell-by-cell checks of one portfolio row (values already trimmed). Every message says what is wrong and what to
 * do, because it is shown as `line N, column NAME: message`. Checks that need two cells (phone with country,
 * balance with currency, default time zone) run after this in validatePortfolioRow.
 */

const required = (what: string, example: string) =>
  z.string().min(1, { error: `is empty: write ${what}, e.g. ${example}` }).max(200, { error: 'is longer than 200 characters: shorten it' });

/** An empty cell, or one that passes `test`. */
const optional = (test: (value: string) => boolean, error: string) => z.string().refine((v) => v === '' || test(v), { error });

const isIsoDate = (value: string): boolean => parseIsoDate(value) !== null;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const CONSENT_YES = ['true', 'yes', 'y', '1', 'si', 'sí'];
const CONSENT_NO = ['', 'false', 'no', 'n', '0'];

const consent = z
  .string()
  .transform((v) => v.toLowerCase())
  .refine((v) => CONSENT_YES.includes(v) || CONSENT_NO.includes(v), { error: 'is not a yes/no value: write true or false (empty means no consent)' })
  .transform((v) => CONSENT_YES.includes(v));

const upper = z.string().transform((v) => v.toUpperCase());

export const portfolioCellsSchema = z.object({
  external_id: required('the debtor id from your system', 'C-1001').regex(/^\S+$/, { error: 'contains spaces: use an id without spaces' }),
  first_name: required('the first name', 'María'),
  last_name: z.string().max(200, { error: 'is longer than 200 characters: shorten it' }),
  phone: required('a mobile number', '+57 300 123 4567'),
  email: optional((v) => EMAIL.test(v), 'is not an email address: write it like name@example.com, or leave it empty'),
  country: upper.refine((v) => /^[A-Z]{2}$/.test(v), { error: 'is not a two-letter country code: write CO, MX, PE, CL, ES or US' }),
  locale: optional((v) => /^[a-z]{2}(-[A-Z]{2})?$/.test(v), 'is not a locale: write es-CO, es-MX, es-PE, es-CL, es-ES or en-US, or leave it empty'),
  timezone: z.string(),
  document_last4: optional((v) => /^[0-9A-Za-z]{4}$/.test(v), 'must be exactly the last 4 digits (or letters) of the document, e.g. 1234'),
  birth_date: optional((v) => isIsoDate(v) && v >= '1900-01-01', 'is not a birth date: write it as YYYY-MM-DD, e.g. 1988-04-12'),
  account_id: required('the account id from your system', 'A-2001').regex(/^\S+$/, { error: 'contains spaces: use an id without spaces' }),
  creditor: required('the creditor name', 'Banco Andino'),
  product: required('the product', 'Tarjeta de crédito'),
  currency: upper.refine(isKnownCurrency, { error: 'is not a currency this service knows: write an ISO 4217 code such as COP, MXN, PEN, CLP, EUR or USD' }),
  balance: required('the amount owed with a dot for decimals', '1250000.50'),
  due_date: z.string().refine(isIsoDate, { error: 'is not a date: write it as YYYY-MM-DD, e.g. 2026-11-30' }),
  segment: z.string().max(100, { error: 'is longer than 100 characters: shorten it' }),
  consent_whatsapp: consent,
  consent_sms: consent,
  // Optional columns (the balance breakdown): absent or empty means not given.
  principal: z.string().default(''),
  interest: z.string().default(''),
  fees: z.string().default(''),
  region: upper.default('').refine((v) => v === '' || /^[A-Z]{2}-[A-Z0-9]{1,3}$/.test(v), {
    error: 'is not a region code: write the ISO 3166-2 subdivision, e.g. CL-RM, ES-MD or US-CA, or leave it empty',
  }),
});

export type PortfolioCells = z.infer<typeof portfolioCellsSchema>;
