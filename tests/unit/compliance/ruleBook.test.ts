import { describe, expect, it } from 'vitest';
import { buildRuleBook, rulesFor } from '../../../src/core/compliance/ruleBook';
import { formatRulesIssue } from '../../../src/core/compliance/ruleBook';
import { readFileSync } from 'node:fs';

const CO = { file: 'flows/compliance/CO.yaml', text: readFileSync('flows/compliance/CO.yaml', 'utf8') };
const CL = { file: 'flows/compliance/CL.yaml', text: readFileSync('flows/compliance/CL.yaml', 'utf8') };

describe('buildRuleBook', () => {
  it('a creditor override that loosens the law is an error naming its file, line and column', () => {
    const text = ['creditor: Loose', 'jurisdictions:', '  CO:', '    hours:', "      sun: ['10:00-12:00']", '    frequency:', '      perDay: 2', '  CL:', '    frequency: { minDaysApart: 1, perWeek: null }', ''].join('\n');
    const result = buildRuleBook([CO, CL], [{ file: 'creditors/loose.yaml', text }]);
    expect(result.ok).toBe(false);
    const lines = result.ok ? [] : result.issues.map(formatRulesIssue);
    expect(lines).toEqual([
      'creditors/loose.yaml:5:13: jurisdictions.CO.hours.sun.0: window 10:00-12:00 on sun is outside the CO rules (sun closed): a creditor may only narrow the hours [COMPLIANCE.RULES_INVALID]',
      "creditors/loose.yaml:7:15: jurisdictions.CO.frequency.perDay: frequency.perDay 2 is looser than the CO rules' 1: a creditor may only lower it [COMPLIANCE.RULES_INVALID]",
      "creditors/loose.yaml:9:44: jurisdictions.CL.frequency.perWeek: frequency.perWeek null (no cap) is looser than the CL rules' 2: a creditor may only lower it [COMPLIANCE.RULES_INVALID]",
      "creditors/loose.yaml:9:32: jurisdictions.CL.frequency.minDaysApart: frequency.minDaysApart 1 is shorter than the CL rules' 2: a creditor may only lengthen it [COMPLIANCE.RULES_INVALID]",
    ]);
  });

  it('a bad figure in a jurisdiction file is reported at its line and column', () => {
    const text = CO.text.replace("sat: ['08:00-15:00']", "sat: ['8:00-15:00']");
    const result = buildRuleBook([{ file: 'CO.yaml', text }], []);
    const lines = result.ok ? [] : result.issues.map(formatRulesIssue);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^CO\.yaml:18:\d+: hours\.sat\.0: a window is 'HH:MM-HH:MM'/);
  });

  it('an unknown key is named with its position', () => {
    const text = CO.text.replace('optOutNotice: false', 'optOutNotice: false\nquietHours: 3');
    const result = buildRuleBook([{ file: 'CO.yaml', text }], []);
    expect(result.ok ? [] : result.issues.map((i) => i.message)).toEqual(['quietHours: unknown key "quietHours": check the spelling or remove it (see flows/README.md)']);
  });

  it('the strictest rules win when a debtor owes two creditors', () => {
    const a = 'creditor: A\njurisdictions:\n  CO:\n    hours: { mon: [\'08:00-12:00\'] }\n';
    const b = 'creditor: B\njurisdictions:\n  CO:\n    hours: { mon: [\'10:00-18:00\'] }\n    frequency: { channelsPerWeek: 1 }\n';
    const result = buildRuleBook([CO], [{ file: 'a.yaml', text: a }, { file: 'b.yaml', text: b }]);
    if (!result.ok) throw new Error(result.issues.map(formatRulesIssue).join('\n'));
    expect(rulesFor(result.book, 'CO', ['A', 'B'])?.hours.mon).toEqual([{ from: 600, to: 720 }]);
    expect(rulesFor(result.book, 'CO', ['A'])?.hours.mon).toEqual([{ from: 480, to: 720 }]);
    expect(rulesFor(result.book, 'AR', ['A'])).toBeNull();
  });
});
