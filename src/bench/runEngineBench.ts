import { getNextSnapshot, initialTransition, transition, type AnyStateMachine } from 'xstate';
import { createSession } from '../core/engine/createSession';
import { step } from '../core/engine/step';
import { nluContextOf } from '../flowTesting/createConversationDriver';
import type { CompiledFlow } from '../core/engine/compiledFlow';
import type { Effect, Facts, Session } from '../core/engine/types';
import type { Interpretation, NluContext } from '../core/nlu/types';
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
        snapshot = getNextSnapshot(conv.twin, snapshot, { type: `event:${input.name}`, now });
        return;
      }
      const t0 = process.hrtime.bigint();
      session.state = String(snapshot.value);
      const meaning = interpret(input.text, nluContextOf(conv.flow, session, conv.facts, now));
      const t1 = process.hrtime.bigint();
      [snapshot] = transition(conv.twin, snapshot, { type: `intent:${meaning.intent}`, now, text: input.text, entities: meaning.entities, confidence: meaning.confidence });
      latencies.push(Number(process.hrtime.bigint() - t0));
      nluNs += t1 - t0;
    };
  });
  return { messages: latencies.length, wallNs: process.hrtime.bigint() - started, latencies: Float64Array.from(latencies), nluNs };
}

/**
 * Runs both runtimes side by side on every conversation (untimed) and counts the messages after which they
 * disagree on the state or on the templates said, so the comparison is known to be like for like. Pure.
 */
export function countDisagreements(conversations: readonly BenchConversation[], interpret: Interpret, now: Date): { messages: number; disagreements: string[] } {
  const disagreements: string[] = [];
  let messages = 0;
  for (const conv of conversations) {
    let session = step(conv.flow, createSession(conv.flow, conv.facts.debtor.locale), { kind: 'start' }, conv.facts, now).session;
    let [snapshot] = initialTransition(conv.twin, { facts: conv.facts, locale: conv.facts.debtor.locale, now });
    for (const input of conv.script.inputs) {
      messages++;
      let engineEffects: Effect[];
      let twinEffects: unknown[];
      if (input.kind === 'event') {
        ({ session, effects: engineEffects } = step(conv.flow, session, { kind: 'system', name: input.name }, conv.facts, now));
        [snapshot, twinEffects] = transition(conv.twin, snapshot, { type: `event:${input.name}`, now });
      } else {
        const meaning = interpret(input.text, nluContextOf(conv.flow, session, conv.facts, now));
        const event = { kind: 'message' as const, text: input.text, intent: meaning.intent, entities: meaning.entities, confidence: meaning.confidence };
        ({ session, effects: engineEffects } = step(conv.flow, session, event, conv.facts, now));
        [snapshot, twinEffects] = transition(conv.twin, snapshot, { type: `intent:${meaning.intent}`, now, text: input.text, entities: meaning.entities });
      }
      const engineSays = engineEffects.flatMap((e) => (e.type === 'say' ? [e.template] : [])).join(',');
      const twinSays = twinEffects.flatMap((a) => sayTemplateOf(a)).join(',');
      if (session.state !== String(snapshot.value) || engineSays !== twinSays) {
        disagreements.push(`${conv.script.name}: engine ${session.state} [${engineSays}] vs xstate ${String(snapshot.value)} [${twinSays}]`);
        break;
      }
    }
  }
  return { messages, disagreements };
}

function sayTemplateOf(action: unknown): string[] {
  if (typeof action !== 'object' || action === null || !('params' in action)) return [];
  const params = action.params;
  if (typeof params !== 'object' || params === null || !('event' in params)) return [];
  const event = params.event;
  if (typeof event !== 'object' || event === null || !('type' in event) || event.type !== 'say' || !('template' in event)) return [];
  return typeof event.template === 'string' ? [event.template] : [];
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
