/** One valid portfolio row, normalised: E.164 phone, time zone and locale filled, balance in exact minor units. */
export interface PortfolioRow {
  line: number;
  debtor: PortfolioDebtor;
  account: PortfolioAccount;
}

export interface PortfolioDebtor {
  externalId: string;
  firstName: string;
  lastName: string;
  email: string | null;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
  locale: string;
  /** IANA zone; the country's capital zone when the file left it empty. */
  timeZone: string;
  /** E.164, e.g. +573001234567. */
  phone: string;
  documentLast4: string | null;
  /** ISO date YYYY-MM-DD. */
  birthDate: string | null;
  consentWhatsapp: boolean;
  consentSms: boolean;
  /** ISO 3166-2 subdivision (e.g. ES-MD), when the file gives one: its public holidays close days too. */
  region: string | null;
}

export interface PortfolioAccount {
  externalId: string;
  creditor: string;
  product: string;
  currency: string;
  balanceMinor: number;
  /** ISO date YYYY-MM-DD. */
  dueDate: string;
  segment: string | null;
  /** What the balance is made of, in minor units, when the file gives the optional principal, interest and fees columns. */
  breakdown?: { principalMinor: number; interestMinor: number; feesMinor: number } | null;
}
