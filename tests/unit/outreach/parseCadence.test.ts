import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatCadenceIssue, parseCadence } from '../../../src/core/outreach/parseCadence';
import { loadCadences } from '../../../src/adapters/outreach/loadCadences';

const base = `id: test
locales: [es, en]
channels: [whatsapp, sms]
steps:
  - { id: due, day: 0, template: hello }
templates:
  hello:
    text:
      es: "Hola {firstName}, te escribe {creditor}."
      en: "Hi {firstName}, this is {creditor}."
`;

function problems(source: string): string[] {
  const result = parseCadence(source, 'flows/cadences/test.yaml');
  return result.ok ? [] : result.issues.map(formatCadenceIssue);
}

describe('cadence files', () => {
  it('accepts a minimal cadence and fills the defaults', () => {
    const result = parseCadence(base, 'x.yaml');
    expect(result.ok && result.cadence).toMatchObject({ id: 'test', sendAt: '09:00', quietAfterInboundHours: 24, priority: 0, events: [], file: 'x.yaml' });
  });

  it('ships example cadences that load (the demo creditors)', async () => {
    const dir = join(import.meta.dirname, '../../../flows/cadences');
    expect(readdirSync(dir).length).toBeGreaterThanOrEqual(2);
    const loaded = await loadCadences(dir);
    expect(loaded.ok).toBe(true);
    for (const name of readdirSync(dir)) expect(parseCadence(readFileSync(join(dir, name), 'utf8'), name).ok).toBe(true);
  });

  it('points at the line and column of an unknown key', () => {
    expect(problems(base.replace('channels:', 'chanels:'))).toEqual(expect.arrayContaining([expect.stringMatching(/^flows\/cadences\/test\.yaml:3:10: chanels: unknown key "chanels"/)]));
  });

  it('names an unknown template where the step uses it', () => {
    expect(problems(base.replace('template: hello', 'template: helo'))).toEqual(['flows/cadences/test.yaml:5:34: steps.0.template: unknown template "helo": define it under templates (known: hello)']);
  });

  it('rejects a variable that would disclose the debt to whoever holds the phone', () => {
    expect(problems(base.replace('te escribe {creditor}.', 'debes {balance}.'))[0]).toMatch(/^flows\/cadences\/test\.yaml:9:11: templates\.hello\.text\.es: unknown variable \{balance\}/);
  });

  it('requires a text for every declared locale', () => {
    expect(problems(base.replace('      en: "Hi {firstName}, this is {creditor}."\n', ''))[0]).toMatch(/:9:7: templates\.hello\.text: no text for locale en/);
  });

  it('checks repeats, event days, step ids, channels and bands', () => {
    const bad = `${base.replace('steps:\n  - { id: due, day: 0, template: hello }', `steps:
  - { id: due, day: 0, template: hello }
  - { id: due, day: 30, template: hello, every: 10 }
applies: { daysPastDue: { min: 10, max: 0 } }
events:
  - { id: p, on: promise_due, day: 1, template: hello }`).replace('[whatsapp, sms]', '[sms, sms]')}`;
    const found = problems(bad).join('\n');
    expect(found).toMatch(/steps\.1\.id: step id "due" is also used/);
    expect(found).toMatch(/steps\.1\.every: a repeating step needs both every/);
    expect(found).toMatch(/events\.0\.day: day 1 does not fit promise_due/);
    expect(found).toMatch(/channels: channel sms is listed twice/);
    expect(found).toMatch(/applies\.daysPastDue: min \(10\) is greater than max \(0\)/);
  });

  it('reports YAML syntax errors with their position', () => {
    expect(problems('id: [unclosed\n')[0]).toMatch(/^flows\/cadences\/test\.yaml:\d+:\d+: .*fix the YAML syntax/);
  });

  it('rejects a WhatsApp Content SID that is not one', () => {
    expect(problems(`${base}    whatsapp: { contentSid: HX123 }\n`)[0]).toMatch(/templates\.hello\.whatsapp\.contentSid: a Content SID is HX followed by 32 hex digits/);
  });
});
