import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatFlowError } from '../../../src/core/engine/formatFlowError';
import { parseFlow } from '../../../src/core/engine/parseFlow';
import { createTestRegistry, FIXTURES, loadFixture } from './support';

function errorsOf(name: string): string[] {
  const file = `bad/${name}.yaml`;
  const result = parseFlow(readFileSync(join(FIXTURES, file), 'utf8'), file, createTestRegistry());
  if (result.ok) throw new Error(`${file} loaded but should not`);
  return result.errors.map(formatFlowError);
}

describe('parseFlow loader errors (file:line:column, what is wrong, what to do)', () => {
  const cases: Array<[string, string[]]> = [
    ['yaml-syntax', ['bad/yaml-syntax.yaml:7:5: YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]. Check indentation, colons and quotes on this line [FLOW.YAML_SYNTAX]']],
    ['schema-unknown-key', ["bad/schema-unknown-key.yaml:9:9: unknown key 'tagret' in states.start.on[0] — did you mean 'target'? Remove it or fix its name (see flows/README.md) [FLOW.SCHEMA]"]],
    [
      'schema-wrong-type',
      [
        'bad/schema-wrong-type.yaml:10:21: states.start.retries.max: expected a whole number [FLOW.SCHEMA]',
        'bad/schema-wrong-type.yaml:11:26: states.start.inactivity.after: not a duration: write a whole number followed by s, m, h or d, e.g. 90s, 30m, 2h, 1d [FLOW.SCHEMA]',
      ],
    ],
    ['schema-missing-key', ["bad/schema-missing-key.yaml:1:1: missing required key 'initial' in the file: add it (expected a name (text)) [FLOW.SCHEMA]"]],
    ['duplicate-state', ["bad/duplicate-state.yaml:12:3: state 'start' is declared twice; rename one of them or merge them into one [FLOW.DUPLICATE_STATE]"]],
    ['duplicate-key', ["bad/duplicate-key.yaml:10:9: key 'target' is written twice in the same block; YAML would keep only the last one — remove or rename one [FLOW.DUPLICATE_KEY]"]],
    ['unknown-target', ["bad/unknown-target.yaml:11:17: unknown target state 'menuu' — did you mean 'menu'? Declare it under states: or fix the name [FLOW.UNKNOWN_STATE]"]],
    ['unknown-guard', ["bad/unknown-guard.yaml:9:16: unknown guard 'has_amuont' — did you mean 'has_amount'? Use a guard listed in flows/README.md or ask a developer to register it [FLOW.UNKNOWN_GUARD]"]],
    ['unknown-action', ["bad/unknown-action.yaml:9:35: unknown action 'record_optout' — did you mean 'record_opt_out'? Use an action listed in flows/README.md or ask a developer to register it [FLOW.UNKNOWN_ACTION]"]],
    ['unknown-template', ["bad/unknown-template.yaml:9:15: unknown template 'bye' for locale 'en'. Add it under templates: en: or fix the name [FLOW.UNKNOWN_TEMPLATE]"]],
    [
      'unknown-intent',
      [
        "bad/unknown-intent.yaml:6:3: unknown intent 'halp' — did you mean 'help'? Use a canonical intent or declare it under intents: (system events are written event:NAME) [FLOW.UNKNOWN_INTENT]",
        "bad/unknown-intent.yaml:11:32: unknown intent 'afirm' — did you mean 'affirm'? Use a canonical intent or declare it under intents: (system events are written event:NAME) [FLOW.UNKNOWN_INTENT]",
      ],
    ],
    ['unreachable', ["bad/unreachable.yaml:10:3: state 'orphan' can never be reached from initial state 'start': no transition leads to it. Add a transition with target: orphan, or delete the state [FLOW.UNREACHABLE_STATE]"]],
    ['no-way-out', ["bad/no-way-out.yaml:12:3: state 'stuck' is not final and no transition leaves it, so a conversation would stay here for ever. Add a transition with a target (on, always, otherwise, retries or inactivity) or mark it final: true [FLOW.NO_WAY_OUT]"]],
    ['slot-not-filled', ["bad/slot-not-filled.yaml:9:15: template 'confirm' reads slots.amount, but nothing fills 'amount' before this transition in state 'start' runs. Add ask: { entity: …, slot: amount } to an earlier state, or an action that writes it [FLOW.SLOT_NOT_FILLED]"]],
    ['guard-slot-not-filled', ["bad/guard-slot-not-filled.yaml:9:16: guard 'identity_matches' reads slots.identifier, but nothing fills 'identifier' before this transition in state 'start' runs. Add ask: { entity: …, slot: identifier } to an earlier state, or an action that writes it [FLOW.SLOT_NOT_FILLED]"]],
    ['missing-initial', ["bad/missing-initial.yaml:3:10: initial state 'begin' is not declared. Declare it under states: or point initial: at an existing state [FLOW.MISSING_INITIAL]"]],
    [
      'template-syntax',
      [
        "bad/template-syntax.yaml:14:12: template 'hello' (es): '{{' is never closed: add '}}' after the variable name [FLOW.TEMPLATE_SYNTAX]",
        "bad/template-syntax.yaml:15:14: template 'balance' (es): unknown filter 'dollars' in '{{account.balance | dollars}}': use one of money, date, number, percent [FLOW.UNKNOWN_FILTER]",
      ],
    ],
    ['offer-not-boolean', ['bad/offer-not-boolean.yaml:12:12: states.offered.offer: expected true or false (offer: true marks a state where an offer waits for an answer) [FLOW.SCHEMA]']],
    [
      'offer-final',
      [
        "bad/offer-final.yaml:7:12: state 'start' is declared offer: true but has no transition for intent: affirm, so a debtor could never accept the offer. Add one under on: (e.g. - intent: affirm, actions: [accept_offer]) or remove offer: true [FLOW.OFFER_WITHOUT_ACCEPTANCE]",
        "bad/offer-final.yaml:12:12: state 'done' is final, so no answer to an offer can arrive there. Remove offer: true or final: true [FLOW.FINAL_OFFER_STATE]",
      ],
    ],
    ['always-cycle', ["bad/always-cycle.yaml:7:23: state 'start' goes round in a loop of always: transitions (start → again → start). Add a guard or point one of them elsewhere [FLOW.ALWAYS_CYCLE]"]],
  ];

  it.each(cases)('%s', (name, expected) => {
    expect(errorsOf(name)).toEqual(expected);
  });

  it('accepts a regional locale that falls back to its language for templates', () => {
    const flow = loadFixture('sample.yaml');
    expect(flow.locales).toEqual(['es', 'es-MX', 'en']);
  });

  it('reads the slot filled by an ask without complaint once the state asked for it', () => {
    // slot-not-filled.yaml says `confirm` twice; only the use before the ask is reported (see the case above).
    expect(errorsOf('slot-not-filled')).toHaveLength(1);
  });

  it('versions a flow by the sha256 of its text (12 hex) and binds the registry and file name', () => {
    const flow = loadFixture('sample.yaml');
    expect(flow.version).toMatch(/^[0-9a-f]{12}$/);
    expect(flow.fileName).toBe('tests/fixtures/flows/sample.yaml');
    expect(flow.id).toBe('sample');
    const source = readFileSync(join(FIXTURES, 'sample.yaml'), 'utf8');
    const edited = parseFlow(`${source}\n# a comment changes the version\n`, 'x.yaml', createTestRegistry());
    expect(edited.ok && edited.flow.version).not.toBe(flow.version);
  });

  it('fails on a name the registry does not have even when the YAML is otherwise fine', () => {
    const source = readFileSync(join(FIXTURES, 'sample.yaml'), 'utf8');
    const result = parseFlow(source, 'sample.yaml', { guards: {}, actions: {} });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.code)).toContain('FLOW.UNKNOWN_GUARD');
  });
});
