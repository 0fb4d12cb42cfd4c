import { getNextSnapshot, initialTransition, transition, type AnyStateMachine } from 'xstate';
import { createSession } from '../core/engine/createSession';
import { refineMessage, step } from '../core/engine/step';
import { nluContextOf } from '../flowTesting/createConversationDriver';
import type { CompiledFlow } from '../core/engine/compiledFlow';
import type { EngineEvent, Facts, Session } from '../core/engine/types';
import type { Interpretation, NluContext } from '../core/nlu/types';
import { toTwinEvent } from './buildXStateTwin';
import type { BenchScript } from './collectBenchScripts';

/** One conversation of the load: a script, the flow it runs on and the debtor facts it runs with. */
export interface BenchConversation {
  script: BenchScript;
  flow: CompiledFlow;
  twin: AnyStateMachine;
  facts: Facts;
}

export interface BenchFigures {
  messages: number;
  wallNs: bigint;
  /** Per message: NLU + step (or NLU + transition), nanoseconds. */
  latencies: Float64Array;
  nluNs: bigint;
}

type Interpret = (text: string, ctx: NluContext) => Interpretation;

/**
 * Runs every conversation once through NLU + engine step, interleaving `concurrency` conversations the way a
 * worker would see them, and times each message with process.hrtime.bigint. Pure apart from reading the clock.
 */
export function runEngineLoad(conversations: readonly BenchConversation[], interpret: Interpret, now: Date, concurrency: number): BenchFigures {
  const latencies: number[] = [];
  let nluNs = 0n;
  const started = process.hrtime.bigint();
  interleave(conversations, concurrency, (conv) => {
    let session: Session = createSession(conv.flow, conv.facts.debtor.locale);
    session = step(conv.flow, session, { kind: 'start' }, conv.facts, now).session;
    return (input) => {
      if (input.kind === 'event') {
        session = step(conv.flow, session, { kind: 'system', name: input.name }, conv.facts, now).session;
        return;
      }
      const t0 = process.hrtime.bigint();
      const meaning = interpret(input.text, nluContextOf(conv.flow, session, conv.facts, now));
      const t1 = process.hrtime.bigint();
      const event = { kind: 'message' as const, text: input.text, intent: meaning.intent, entities: meaning.entities, confidence: meaning.confidence };
      session = step(conv.flow, session, event, conv.facts, now).session;
      latencies.push(Number(process.hrtime.bigint() - t0));
      nluNs += t1 - t0;
    };
  });
  return { messages: latencies.length, wallNs: process.hrtime.bigint() - started, latencies: Float64Array.from(latencies), nluNs };
}

/** The same load through the XState twin with the pure transition() API and the same NLU. */
export function runXStateLoad(conversations: readonly BenchConversation[], interpret: Interpret, now: Date, concurrency: number): BenchFigures {
  const latencies: number[] = [];
  let nluNs = 0n;
  const started = process.hrtime.bigint();
  interleave(conversations, concurrency, (conv) => {
    let [snapshot] = initialTransition(conv.twin, { facts: conv.facts, locale: conv.facts.debtor.locale, now });
    // The NLU needs the current state's hints; the twin's state value names the same state as the engine's.
    const session: Session = createSession(conv.flow, conv.facts.debtor.locale);
    return (input) => {
      if (input.kind === 'event') {
        snapshot = getNextSnapshot(conv.twin, snapshot, toTwinEvent({ kind: 'system', name: input.name }, now));
        return;
      }
      const t0 = process.hrtime.bigint();
      session.state = String(snapshot.value);
      const meaning = interpret(input.text, nluContextOf(conv.flow, session, conv.facts, now));
      const t1 = process.hrtime.bigint();
      const event = { kind: 'message' as const, text: input.text, intent: meaning.intent, entities: meaning.entities, confidence: meaning.confidence };
      [snapshot] = transition(conv.twin, snapshot, toTwinEvent(event, now));
      latencies.push(Number(process.hrtime.bigint() - t0));
      nluNs += t1 - t0;
    };
  });
  return { messages: latencies.length, wallNs: process.hrtime.bigint() - started, latencies: Float64Array.from(latencies), nluNs };
}

/**
 * Runs both runtimes side by side on every conversation (untimed) and records the inputs after which they
 * disagree on the state, the slots or the effect list (every effect: say with its text, audit, schedule …), so
 * the comparison is known to be like for like. Stops a conversation at its first disagreement. Pure.
 */
export function countDisagreements(conversations: readonly BenchConversation[], interpret: Interpret, now: Date): { conversations: number; inputs: number; disagreements: string[] } {
  const disagreements: string[] = [];
  let inputs = 0;
  for (const conv of conversations) {
    let { session, effects } = step(conv.flow, createSession(conv.flow, conv.facts.debtor.locale), { kind: 'start' }, conv.facts, now);
    let [snapshot, actions] = initialTransition(conv.twin, { facts: conv.facts, locale: conv.facts.debtor.locale, now });
    let differs = describeDifference(session, effects, snapshot, actions);
    if (differs) disagreements.push(`${conv.script.name} (${conv.facts.debtor.firstName}) at start: ${differs}`);
    for (const input of conv.script.inputs) {
      if (differs) break;
      inputs++;
      let event: Exclude<EngineEvent, { kind: 'start' }>;
      if (input.kind === 'event') event = { kind: 'system', name: input.name };
      else {
        const meaning = interpret(input.text, nluContextOf(conv.flow, session, conv.facts, now));
        event = { kind: 'message', text: input.text, intent: meaning.intent, entities: meaning.entities, confidence: meaning.confidence };
      }
      // The engine refines a message in its context before matching (refine:); the twin is given the refined event.
      const refined = event.kind === 'message' && session.status === 'active' ? refineMessage(conv.flow, { session, event, facts: conv.facts, now, timeZone: conv.facts.debtor.timeZone }, event) : { event, effects: [] };
      ({ session, effects } = step(conv.flow, session, event, conv.facts, now));
      [snapshot, actions] = transition(conv.twin, snapshot, toTwinEvent(refined.event, now));
      differs = describeDifference(session, effects, snapshot, [...refined.effects.map((effect) => ({ type: 'xstate.emit', params: { event: effect } })), ...actions]);
      if (differs) disagreements.push(`${conv.script.name} (${conv.facts.debtor.firstName}) at ${JSON.stringify(input.kind === 'user' ? input.text : input.name)}: ${differs}`);
    }
  }
  return { conversations: conversations.length, inputs, disagreements };
}

/** What differs between the engine's result and the twin's after one input, or '' when nothing does. */
function describeDifference(session: Session, effects: unknown[], snapshot: { value: unknown; context: unknown; status: string }, actions: unknown[]): string {
  const twinState = String(snapshot.value);
  if (session.state !== twinState) return `state: engine ${session.state} vs xstate ${twinState}`;
  const twinSlots = typeof snapshot.context === 'object' && snapshot.context !== null ? Reflect.get(snapshot.context, 'slots') : undefined;
  if (stableJson(session.slots) !== stableJson(twinSlots)) return `slots: engine ${stableJson(session.slots)} vs xstate ${stableJson(twinSlots)}`;
  // After the end the engine audits each ignored input; a finished XState machine ignores it silently.
  const engine = session.status === 'ended' && snapshot.status === 'done' ? effects.filter((e) => !isIgnoredAfterEnd(e)) : effects;
  const twin = actions.flatMap(emittedOf);
  const at = engine.findIndex((e, i) => stableJson(e) !== stableJson(twin[i]));
  if (at >= 0 || engine.length !== twin.length) {
    const i = at >= 0 ? at : Math.min(engine.length, twin.length);
    return `effect ${i}: engine ${stableJson(engine[i])} vs xstate ${stableJson(twin[i])}`;
  }
  return '';
}

function isIgnoredAfterEnd(effect: unknown): boolean {
  return typeof effect === 'object' && effect !== null && Reflect.get(effect, 'code') === 'FLOW.IGNORED_AFTER_END';
}

/** The effect an XState `emit` action carries (its params.event), if the action is one. */
function emittedOf(action: unknown): unknown[] {
  if (typeof action !== 'object' || action === null || Reflect.get(action, 'type') !== 'xstate.emit') return [];
  const params: unknown = Reflect.get(action, 'params');
  return typeof params === 'object' && params !== null && 'event' in params ? [params.event] : [];
}

/** JSON with object keys sorted, so key order (an implementation detail) does not count as a difference. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  ) ?? 'undefined';
}

type Feed = (input: BenchScript['inputs'][number]) => void;

/** Keeps `concurrency` conversations open and feeds them one input at a time, round robin. */
function interleave(conversations: readonly BenchConversation[], concurrency: number, open: (conv: BenchConversation) => Feed): void {
  let next = 0;
  const active: Array<{ feed: Feed; inputs: BenchScript['inputs']; at: number }> = [];
  const refill = (): void => {
    while (active.length < concurrency && next < conversations.length) {
      const conv = conversations[next++];
      if (conv) active.push({ feed: open(conv), inputs: conv.script.inputs, at: 0 });
    }
  };
  refill();
  while (active.length > 0) {
    for (let i = 0; i < active.length; ) {
      const slot = active[i];
      const input = slot?.inputs[slot.at++];
      if (!slot || !input) {
        active.splice(i, 1);
        continue;
      }
      slot.feed(input);
      i++;
    }
    refill();
  }
}
