import type { Kysely } from 'kysely';
import { decideContact } from '../../core/compliance/decideContact';
import { createHolidayCalendar } from '../../core/compliance/holidayCalendar';
import { rulesFor } from '../../core/compliance/ruleBook';
import type { RuleBook } from '../../core/compliance/ruleBook';
import type { ComplianceDecision, ComplianceRequest, ComplianceRules, HolidayCalendar } from '../../core/compliance/types';
import type { WhatsappTemplate } from '../../core/compliance/whatsappTemplates';
import type { DB } from '../db/schema';
import { readContactFacts } from './readContactFacts';
import type { ContactFactsQuery, ContactFactsResult } from './readContactFacts';

export interface ComplianceCheck {
  decision: ComplianceDecision;
  read: ContactFactsResult;
  rules: ComplianceRules | null;
}

export interface ComplianceChecker {
  /** Reads the facts of one address (one query; on `db`, a transaction, when given) and runs the gate at `now`. Does I/O. */
  check(query: ContactFactsQuery, request: ComplianceRequest, db?: Kysely<DB>): Promise<ComplianceCheck>;
  /** The approved WhatsApp template standing in for a flow template outside the 24-hour window, if configured. Pure. */
  whatsappTemplateFor(template: string): WhatsappTemplate | undefined;
}

/**
 * The compliance gate over the database: facts read in one query, the rules of the debtor's country tightened by
 * their creditors' own, the public holidays of their country and region (calendars kept per country and region),
 * then the pure decision (core/compliance). Every sender, `compliance:explain` and the console use it.
 */
export function createComplianceChecker(deps: { db: Kysely<DB>; rules: RuleBook }): ComplianceChecker {
  const calendars = new Map<string, HolidayCalendar>();
  const calendarOf = (country: string, region: string | null): HolidayCalendar => {
    const key = `${country}/${region ?? ''}`;
    let calendar = calendars.get(key);
    if (!calendar) {
      calendar = country === '' ? () => false : createHolidayCalendar(country, region);
      calendars.set(key, calendar);
    }
    return calendar;
  };
  return {
    async check(query, request, db) {
      const read = await readContactFacts(db ?? deps.db, query);
      const rules = rulesFor(deps.rules, read.facts.country, read.creditors);
      const decision = decideContact({ request, facts: read.facts, history: read.history, rules, holidays: calendarOf(read.facts.country, read.facts.region), now: query.now });
      return { decision, read, rules };
    },
    whatsappTemplateFor: (template) => deps.rules.whatsappTemplates.get(template),
  };
}
