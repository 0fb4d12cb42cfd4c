import type { Effect } from '../core/engine/types';
import type { Turn, TurnInput } from './createConversationDriver';

/** Colours for terminals; identity functions when output is not a TTY. */
export interface Paint {
  dim(text: string): string;
  bold(text: string): string;
  green(text: string): string;
  cyan(text: string): string;
  yellow(text: string): string;
  red(text: string): string;
}

/** A Paint that leaves text as it is (files, pipes, CI logs). Pure. */
export function createPlainPaint(): Paint {
  const same = (text: string): string => text;
  return { dim: same, bold: same, green: same, cyan: same, yellow: same, red: same };
}

/** A Paint with ANSI colours, for a TTY. Pure. */
export function createAnsiPaint(): Paint {
  const wrap = (open: number, close: number) => (text: string) => `\x1b[${open}m${text}\x1b[${close}m`;
  return { dim: wrap(2, 22), bold: wrap(1, 22), green: wrap(32, 39), cyan: wrap(36, 39), yellow: wrap(33, 39), red: wrap(31, 39) };
}

/** How an input reads in a transcript: what the person typed, or the system event in brackets. Pure. */
export function describeInput(input: TurnInput): string {
  switch (input.kind) {
    case 'start':
      return '[start]';
    case 'user':
      return input.text;
    case 'event':
      return `[event ${input.name}]`;
    case 'timeout':
      return `[timeout ${input.timer}]`;
    case 'advance':
      return `[advance ${formatDuration(input.ms)}]`;
    case 'return':
      return `[returns after ${formatDuration(input.ms)}${input.otherAddress ? ' from another address' : ''}: new conversation]`;
  }
}

/**
 * A turn as transcript lines: the input, the bot's messages, and (when `details`) the NLU reading, the state,
 * the slots and the effects other than say/audit. Pure.
 */
export function formatTurn(turn: Turn, paint: Paint, details: boolean): string[] {
  const lines: string[] = [];
  const who = turn.input.kind === 'user' ? paint.bold('you ') : paint.dim('sys ');
  lines.push(`${who} ${turn.input.kind === 'user' ? turn.input.text : paint.dim(describeInput(turn.input))}`);
  for (const effect of turn.effects) {
    if (effect.type === 'say') lines.push(`${paint.green('bot ')} ${effect.text} ${paint.dim(`[${effect.template}]`)}`);
  }
  if (!details) return lines;
  if (turn.interpretation) {
    const { intent, entities, confidence } = turn.interpretation;
    lines.push(paint.dim(`     nlu: ${intent} ${confidence.toFixed(2)} ${JSON.stringify(entities)}`));
  }
  const { state, status, slots } = turn.session;
  lines.push(paint.cyan(`     state: ${state}${status === 'ended' ? ' (ended)' : ''}  slots: ${JSON.stringify(slots, abbreviateLists)}`));
  const other = turn.effects.filter((e) => e.type !== 'say' && !(e.type === 'audit' && e.code === 'FLOW.TRANSITION'));
  for (const effect of other) lines.push(paint.yellow(`     effect: ${formatEffect(effect)}`));
  return lines;
}

function formatEffect(effect: Effect): string {
  const { type, ...rest } = effect;
  return Object.keys(rest).length > 0 ? `${type} ${JSON.stringify(rest, abbreviateLists)}` : type;
}

/** Long lists (a plan's installments) as a count, so one turn stays readable in a terminal. */
function abbreviateLists(_key: string, value: unknown): unknown {
  return Array.isArray(value) && value.length > 2 ? `[${value.length} items]` : value;
}

function formatDuration(ms: number): string {
  for (const [unit, size] of [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000]] as const) {
    if (ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms / 1000}s`;
}
