/**
 * The columns of a portfolio CSV (docs/architecture.md and README, "Portfolio CSV"), in their documented order. A file must
 * have exactly these, once each, in any order.
 */
export const PORTFOLIO_COLUMNS = [
  'external_id', 'first_name', 'last_name', 'phone', 'email', 'country', 'locale', 'timezone', 'document_last4',
  'birth_date', 'account_id', 'creditor', 'product', 'currency', 'balance', 'due_date', 'segment',
  'consent_whatsapp', 'consent_sms',
] as const;

export type PortfolioColumn = (typeof PORTFOLIO_COLUMNS)[number];

/**
 * Columns a file may add: what the balance is made of (principal, interest, fees), in the account's currency, given
 * together or not at all (the bot uses them to answer "why is my balance so high?"); and the debtor's region, an
 * ISO 3166-2 subdivision code such as CL-RM, ES-MD or US-CA (the compliance gate adds its public holidays).
 */
export const OPTIONAL_PORTFOLIO_COLUMNS = ['principal', 'interest', 'fees', 'region'] as const;
