import { loadComplianceRules } from '../../../src/adapters/compliance/loadComplianceRules';
import type { ComplianceRules } from '../../../src/core/compliance';
import type { RuleBook } from '../../../src/core/compliance/ruleBook';

const loaded = await loadComplianceRules('flows/compliance');
if (!loaded.ok) throw new Error(`flows/compliance does not load: ${loaded.issues.map((i) => `${i.file}:${i.line}: ${i.message}`).join('; ')}`);

/** The rule book shipped in flows/compliance, as the service loads it. */
export const SHIPPED: RuleBook = loaded.book;

/** The shipped rules of one jurisdiction. */
export function shipped(country: string): ComplianceRules {
  const rules = SHIPPED.jurisdictions.get(country);
  if (!rules) throw new Error(`no shipped rules for ${country}`);
  return rules;
}
