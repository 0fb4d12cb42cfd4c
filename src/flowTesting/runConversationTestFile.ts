import { checkExpectation } from './checkExpectation';
import { createConversationDriver, type Interpret, type Turn, type TurnInput } from './createConversationDriver';
import { readDuration } from './readDuration';
import { sameFamilyFlows } from './sameFamilyFlows';
import { takenTransitionsOf, type TakenTransition } from './computeFlowCoverage';
import type { CompiledFlow } from '../core/engine/compiledFlow';
import type { Facts } from '../core/engine/types';
import type { ConversationStep } from './conversationTestSchema';
import type { LoadedConversationTests } from './loadConversationTestFile';

export interface TestOutcome {
  file: string;
  flowName: string;
  name: string;
  line: number;
  /** Turns run, up to and including the first failing step. */
  turns: Turn[];
  failure?: { stepIndex: number; line: number; problems: string[] };
  taken: TakenTransition[];
}

export interface RunContext {
  flows: ReadonlyMap<string, CompiledFlow>;
  facts: Readonly<Record<string, Facts>>;
  interpret: Interpret;
}

/**
 * Runs every test of a loaded conversation-test file; each test starts a fresh conversation and stops at its
 * first failing step. Setup problems (unknown flow or facts) fail every test with a clear message. Pure.
 */
export function runConversationTestFile(loaded: LoadedConversationTests, run: RunContext): TestOutcome[] {
  const { spec, file } = loaded;
  return spec.tests.map((test, i) => {
    const line = loaded.testLines[i] ?? 1;
    const base = { file, flowName: spec.flow, name: test.name, line, turns: [], taken: [] };
    const flow = run.flows.get(spec.flow);
    const factsName = test.facts ?? spec.facts;
    const facts = run.facts[factsName];
    if (!flow) return { ...base, failure: { stepIndex: -1, line: 1, problems: [`unknown flow '${spec.flow}'; known: ${[...run.flows.keys()].join(', ')}`] } };
    if (!facts) return { ...base, failure: { stepIndex: -1, line, problems: [`unknown facts '${factsName}'; known: ${Object.keys(run.facts).join(', ')}`] } };
    const locale = test.locale ?? spec.locale;
    const flowFor = sameFamilyFlows(flow, run.flows);
    const driver = createConversationDriver({ flow, facts, now: new Date(test.now ?? spec.now), interpret: run.interpret, flowFor, ...(locale ? { locale } : {}) });
    const outcome: TestOutcome = { ...base, flowName: flow.id };
    for (const [j, step] of test.steps.entries()) {
      const turn = driver.send(toInput(step));
      outcome.turns.push(turn);
      // Transitions taken after a language switch belong to the other flow: never counted for this one.
      if (turn.session.flowId === flow.id) outcome.taken.push(...takenTransitionsOf(turn.effects));
      const problems = step.expect ? checkExpectation(turn, step.expect) : [];
      if (problems.length > 0) {
        outcome.failure = { stepIndex: j, line: loaded.stepLines[i]?.[j] ?? line, problems };
        break;
      }
    }
    return outcome;
  });
}

function toInput(step: ConversationStep): TurnInput {
  if ('start' in step) return { kind: 'start' };
  if ('user' in step) return { kind: 'user', text: step.user };
  if ('event' in step) return { kind: 'event', name: step.event, ...(step.data ? { data: step.data } : {}) };
  if ('timeout' in step) return { kind: 'timeout', timer: step.timeout };
  if ('return' in step) return { kind: 'return', ms: readDuration(step.return) ?? 0, ...(step.other_address ? { otherAddress: true } : {}) };
  // The schema only lets valid durations through.
  return { kind: 'advance', ms: readDuration(step.advance) ?? 0 };
}
