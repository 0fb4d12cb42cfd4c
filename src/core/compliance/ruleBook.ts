import { checkStricter } from './checkStricter';
import { formatYamlIssue, parseYamlFile } from '../yaml/parseYamlFile';
import type { YamlIssue } from '../yaml/parseYamlFile';
import { creditorFileSchema, jurisdictionFileSchema } from './rulesFileSchema';
import type { RulesOverride } from './rulesFileSchema';
import { applyOverride, toComplianceRules } from './toComplianceRules';
import type { ComplianceRules, TimeWindow, Weekday } from './types';
import { whatsappTemplatesFileSchema } from './whatsappTemplates';
import type { WhatsappTemplate } from './whatsappTemplates';

/** Every jurisdiction's rules, and each creditor's stricter rules per jurisdiction (already applied). */
export interface RuleBook {
  jurisdictions: ReadonlyMap<string, ComplianceRules>;
  /** creditor name (accounts.creditor) → country → the jurisdiction's rules tightened by the creditor. */
  creditors: ReadonlyMap<string, ReadonlyMap<string, ComplianceRules>>;
  /** Flow template name → the approved WhatsApp template that replaces it outside the 24-hour window. */
  whatsappTemplates: ReadonlyMap<string, WhatsappTemplate>;
}

/** One problem in a compliance rules file: `file:line:column: message`. */
export type RulesIssue = YamlIssue;

/** `file:line:column: message [COMPLIANCE.RULES_INVALID]`, the form editors link to. Pure. */
export function formatRulesIssue(issue: RulesIssue): string {
  return `${formatYamlIssue(issue)} [COMPLIANCE.RULES_INVALID]`;
}

/** The line and column of a located path (without whether it exists). */
function at(position: { line: number; column: number }): { line: number; column: number } {
  return { line: position.line, column: position.column };
}

export type BuildRuleBookResult = { ok: true; book: RuleBook } | { ok: false; issues: RulesIssue[] };

/**
 * Builds the rule book from the texts of the jurisdiction files, the creditor files and the WhatsApp templates file. All or nothing: any problem
 * (syntax, shape, a duplicate jurisdiction, an override for an unknown jurisdiction, an override that loosens the law)
 * rejects the set, each at file:line:column. Pure: the caller reads the files.
 */
export function buildRuleBook(
  jurisdictionFiles: ReadonlyArray<{ file: string; text: string }>,
  creditorFiles: ReadonlyArray<{ file: string; text: string }>,
  templatesFile?: { file: string; text: string },
): BuildRuleBookResult {
  const issues: RulesIssue[] = [];
  const jurisdictions = new Map<string, ComplianceRules>();
  const seen = new Map<string, string>();
  for (const { file, text } of jurisdictionFiles) {
    const parsed = parseYamlFile(text, file, jurisdictionFileSchema);
    if (!parsed.ok) {
      issues.push(...parsed.issues);
      continue;
    }
    const code = parsed.value.jurisdiction;
    const previous = seen.get(code);
    if (previous) issues.push({ file, ...at(parsed.locate(['jurisdiction'])), message: `jurisdiction ${code} is also defined in ${previous}: one file per jurisdiction` });
    seen.set(code, file);
    jurisdictions.set(code, toComplianceRules(parsed.value));
  }
  const creditors = new Map<string, Map<string, ComplianceRules>>();
  for (const { file, text } of creditorFiles) {
    const parsed = parseYamlFile(text, file, creditorFileSchema);
    if (!parsed.ok) {
      issues.push(...parsed.issues);
      continue;
    }
    const perCountry = creditors.get(parsed.value.creditor) ?? new Map<string, ComplianceRules>();
    for (const [country, override] of Object.entries(parsed.value.jurisdictions)) {
      const base = jurisdictions.get(country);
      if (!base) {
        issues.push({ file, ...at(parsed.locate(['jurisdictions', country])), message: `no rules file for jurisdiction ${country}: add flows/compliance/${country}.yaml or remove this override` });
        continue;
      }
      for (const loose of checkStricter(base, override)) issues.push({ file, ...at(parsed.locate(['jurisdictions', country, ...loose.path])), message: `jurisdictions.${country}.${loose.path.join('.')}: ${loose.message}` });
      perCountry.set(country, tighten(perCountry.get(country), applyOverride(base, override)));
    }
    creditors.set(parsed.value.creditor, perCountry);
  }
  const whatsappTemplates = new Map<string, WhatsappTemplate>();
  if (templatesFile) {
    const parsed = parseYamlFile(templatesFile.text, templatesFile.file, whatsappTemplatesFileSchema);
    if (parsed.ok) for (const [name, template] of Object.entries(parsed.value.templates)) whatsappTemplates.set(name, template);
    else issues.push(...parsed.issues);
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, book: { jurisdictions, creditors, whatsappTemplates } };
}

/**
 * The rules for a debtor in `country` with accounts of `creditorNames`: the jurisdiction's rules tightened by every
 * creditor's own (the strictest of all wins); null when no rules exist for the country. Pure.
 */
export function rulesFor(book: RuleBook, country: string, creditorNames: readonly string[]): ComplianceRules | null {
  let rules = book.jurisdictions.get(country) ?? null;
  if (!rules) return null;
  for (const name of creditorNames) {
    const own = book.creditors.get(name)?.get(country);
    if (own) rules = tighten(rules, own);
  }
  return rules;
}

/** The stricter of two rule sets of one jurisdiction, rule by rule. Pure. */
function tighten(a: ComplianceRules | undefined, b: ComplianceRules): ComplianceRules {
  if (!a) return b;
  const days: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  const hours = { ...a.hours };
  for (const d of days) hours[d] = a.hours[d].flatMap((x) => b.hours[d].map((y) => ({ from: Math.max(x.from, y.from), to: Math.min(x.to, y.to) }))).filter((w: TimeWindow) => w.from < w.to);
  const low = (x: number | null, y: number | null) => (x === null ? y : y === null ? x : Math.min(x, y));
  const high = (x: number | null, y: number | null) => (x === null ? y : y === null ? x : Math.max(x, y));
  return {
    jurisdiction: a.jurisdiction,
    hours,
    closedOnHolidays: a.closedOnHolidays || b.closedOnHolidays,
    frequency: { perDay: low(a.frequency.perDay, b.frequency.perDay), perWeek: low(a.frequency.perWeek, b.frequency.perWeek), minDaysApart: high(a.frequency.minDaysApart, b.frequency.minDaysApart), channelsPerWeek: low(a.frequency.channelsPerWeek, b.frequency.channelsPerWeek) },
    optOutNotice: a.optOutNotice || b.optOutNotice,
    agentReplyHours: Math.min(a.agentReplyHours, b.agentReplyHours),
  };
}

export type { RulesOverride };
