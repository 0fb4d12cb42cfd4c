import { renderTemplate } from './renderTemplate';
import { resolveLocaleTemplates } from './resolveLocaleTemplates';
import type { CompiledFlow, CompiledHandler, CompiledState } from './compiledFlow';
import type { FormatContext } from './formatValue';
import type { Effect, Facts, Session, StepContext } from './types';

/** The mutable working data of one step(); the caller's session is never touched. */
export interface StepRun {
  flow: CompiledFlow;
  facts: Facts;
  now: Date;
  session: Session;
  ctx: StepContext;
  format: FormatContext;
  effects: Effect[];
  slotsCopied: boolean;
  attemptsCopied: boolean;
  /** Eventless (`always`) hops taken in this step, to stop a cycle. */
  hops: number;
}

const MAX_ALWAYS_HOPS = 32;

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function setSlots(run: StepRun, changes: Record<string, unknown>): void {
  if (!run.slotsCopied) {
    run.session.slots = { ...run.session.slots };
    run.slotsCopied = true;
  }
  for (const key of Object.keys(changes)) {
    const value = changes[key];
    // An action clears a slot by returning it as undefined.
    if (value === undefined) delete run.session.slots[key];
    else run.session.slots[key] = value;
  }
}

export function setAttempts(run: StepRun, state: string, count: number): void {
  if (!run.attemptsCopied) {
    run.session.attempts = { ...run.session.attempts };
    run.attemptsCopied = true;
  }
  if (count === 0) delete run.session.attempts[state];
  else run.session.attempts[state] = count;
}

/** True when every guard of the handler passes; a guard that throws counts as failing and is audited. */
export function passesGuards(run: StepRun, handler: CompiledHandler): boolean {
  for (const guard of handler.guards) {
    let result: boolean;
    try {
      result = guard.test(run.ctx);
    } catch (error) {
      run.effects.push({ type: 'audit', code: 'FLOW.GUARD_ERROR', data: { guard: guard.name, error: errorMessage(error) } });
      return false;
    }
    if (result === guard.negate) return false;
  }
  return true;
}

function runActions(run: StepRun, handler: CompiledHandler): void {
  for (const action of handler.actions) {
    try {
      const result = action.run(run.ctx);
      if (result.slots) setSlots(run, result.slots);
      if (result.effects) for (const effect of result.effects) run.effects.push(effect);
    } catch (error) {
      run.effects.push({ type: 'audit', code: 'FLOW.ACTION_ERROR', data: { action: action.name, error: errorMessage(error) } });
    }
  }
}

export function sayAll(run: StepRun, keys: readonly string[]): void {
  if (keys.length === 0) return;
  const table = resolveLocaleTemplates(run.flow, run.session.locale);
  for (const key of keys) {
    const template = table.get(key);
    if (template === undefined) {
      run.effects.push({ type: 'audit', code: 'TEMPLATE.MISSING', data: { template: key, locale: run.session.locale } });
      continue;
    }
    const text = renderTemplate(template, run.facts, run.session.slots, run.format, run.effects);
    run.effects.push({ type: 'say', template: key, text });
  }
}

/** Leaves a state: cancels its inactivity timer and, when asked, forgets its attempts. */
export function exitState(run: StepRun, state: CompiledState, resetAttempts: boolean): void {
  if (state.inactivity) run.effects.push({ type: 'cancel_schedule', timer: state.inactivity.timer });
  if (resetAttempts && run.session.attempts[state.id] !== undefined) setAttempts(run, state.id, 0);
}

/** Enters a state: say its templates, end if final, schedule its inactivity timer, follow `always`. */
export function enterState(run: StepRun, id: string): void {
  const state = run.flow.states.get(id);
  if (state === undefined) {
    run.effects.push({ type: 'audit', code: 'FLOW.UNKNOWN_STATE', data: { state: id } });
    return;
  }
  run.session.state = id;
  sayAll(run, state.say);
  if (state.final) {
    run.session.status = 'ended';
    run.effects.push({ type: 'end' });
    return;
  }
  if (state.inactivity) {
    const at = new Date(run.now.getTime() + state.inactivity.afterMs).toISOString();
    run.effects.push({ type: 'schedule', timer: state.inactivity.timer, at });
  }
  for (const handler of state.always) {
    if (!passesGuards(run, handler)) continue;
    if (++run.hops > MAX_ALWAYS_HOPS) {
      run.effects.push({ type: 'audit', code: 'FLOW.ALWAYS_LOOP', data: { state: id } });
      return;
    }
    takeHandler(run, state, handler, 'always');
    return;
  }
}

/**
 * Takes a handler from `state`: audit, run its actions (merge slots, append effects), say its templates, then
 * leave for its target (a self-target re-enters; no target stays without re-entering).
 */
export function takeHandler(run: StepRun, state: CompiledState, handler: CompiledHandler, trigger: string): void {
  const to = handler.target ?? state.id;
  run.effects.push({ type: 'audit', code: 'FLOW.TRANSITION', data: { from: state.id, to, trigger, via: handler.via } });
  runActions(run, handler);
  sayAll(run, handler.say);
  if (handler.target === undefined) return;
  exitState(run, state, handler.target !== state.id);
  enterState(run, handler.target);
}
