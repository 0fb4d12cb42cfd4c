import type { PortfolioIssue } from './portfolioIssue';
import type { PortfolioDebtor } from './portfolioRow';
import { differingColumn } from './validatePortfolio';

/** A problem found across rows or against the database, before it is worded: which check, the line, and its facts. */
export type CrossRowFinding =
  | { kind: 'duplicate_account'; line: number; accountId: string; firstLine: number }
  | { kind: 'debtor_differs'; line: number; externalId: string; firstLine: number; debtor: PortfolioDebtor; firstDebtor: PortfolioDebtor }
  | { kind: 'shared_phone'; line: number; phone: string; ownerExternalId: string; ownerLine: number }
  | { kind: 'account_owner'; line: number; accountId: string; ownerExternalId: string }
  | { kind: 'account_currency'; line: number; accountId: string; currency: string };

/** The `line N, column NAME: what is wrong and what to do` of a finding. Pure. */
export function describeCrossRowFinding(f: CrossRowFinding): PortfolioIssue {
  switch (f.kind) {
    case 'duplicate_account':
      return { line: f.line, column: 'account_id', message: `${f.accountId} is already on line ${f.firstLine}: list each account once` };
    case 'debtor_differs':
      return {
        line: f.line,
        column: differingColumn(f.firstDebtor, f.debtor),
        message: `differs from line ${f.firstLine} for debtor ${f.externalId}: a debtor's columns must be the same on all their rows`,
      };
    case 'shared_phone':
      return { line: f.line, column: 'phone', message: `${f.phone} is also the phone of debtor ${f.ownerExternalId} on line ${f.ownerLine}: a number belongs to one debtor` };
    case 'account_owner':
      return {
        line: f.line,
        column: 'external_id',
        message: `account ${f.accountId} belongs to debtor ${f.ownerExternalId}: an import cannot move an account to another debtor; keep ${f.ownerExternalId} on this row, or give the new debtor's debt a new account_id`,
      };
    case 'account_currency':
      return {
        line: f.line,
        column: 'currency',
        message: `account ${f.accountId} is in ${f.currency}: an import cannot change an account's currency (its payments, promises and plans are in ${f.currency}); write ${f.currency}, or give the debt in the new currency a new account_id`,
      };
  }
}
