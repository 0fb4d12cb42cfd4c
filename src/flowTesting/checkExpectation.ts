import { matchPartial } from './matchPartial';
import { matchPattern } from './matchPattern';
import type { Effect } from '../core/engine/types';
import type { Turn } from './createConversationDriver';
import type { Expectation } from './conversationTestSchema';

/** The text a turn said: every `say` effect, in order, one per line. Pure. */
export function replyOf(effects: readonly Effect[]): string {
  return effects.flatMap((e) => (e.type === 'say' ? [e.text] : [])).join('\n');
}

/**
 * Compares one turn against its expectation; returns one readable line per mismatch (empty when it passes),
 * each with what was expected and what actually happened. Pure.
 */
export function checkExpectation(turn: Turn, expect: Expectation): string[] {
  const problems: string[] = [];
  const said = turn.effects.flatMap((e) => (e.type === 'say' ? [e.template] : []));
  const reply = replyOf(turn.effects);
  const actualIntent = turn.interpretation?.intent;
  if (expect.intent !== undefined && actualIntent !== expect.intent) {
    problems.push(`intent: expected ${expect.intent}, got ${actualIntent ?? '(no message)'} ${JSON.stringify(turn.interpretation?.entities ?? {})}`);
  }
  if (expect.state !== undefined && turn.session.state !== expect.state) {
    problems.push(`state: expected ${expect.state}, got ${turn.session.state}`);
  }
  if (expect.status !== undefined && turn.session.status !== expect.status) {
    problems.push(`status: expected ${expect.status}, got ${turn.session.status}`);
  }
  if (expect.say !== undefined && JSON.stringify(said) !== JSON.stringify(expect.say)) {
    problems.push(`say: expected [${expect.say.join(', ')}], got [${said.join(', ')}]`);
  }
  for (const key of expect.not_say ?? []) {
    if (said.includes(key)) problems.push(`not_say: template ${key} was said`);
  }
  for (const pattern of expect.reply ?? []) {
    if (!matchPattern(reply, pattern)) problems.push(`reply: expected to match ${pattern}, got ${JSON.stringify(reply)}`);
  }
  for (const pattern of expect.not_reply ?? []) {
    if (matchPattern(reply, pattern)) problems.push(`not_reply: ${pattern} matched ${JSON.stringify(reply)}`);
  }
  if (expect.slots !== undefined) {
    for (const [key, value] of Object.entries(expect.slots)) {
      if (!matchPartial(turn.session.slots[key], value)) {
        problems.push(`slots.${key}: expected ${JSON.stringify(value)}, got ${JSON.stringify(turn.session.slots[key])}`);
      }
    }
  }
  problems.push(...checkEffects(turn.effects, expect));
  return problems;
}

function checkEffects(effects: readonly Effect[], expect: Expectation): string[] {
  const problems: string[] = [];
  let from = 0;
  for (const wanted of expect.effects ?? []) {
    const index = effects.findIndex((e, i) => i >= from && matchPartial(e, wanted));
    if (index === -1) {
      const anywhere = effects.some((e) => matchPartial(e, wanted));
      problems.push(`effects: expected ${JSON.stringify(wanted)}${anywhere ? ' (found, but out of order)' : ''}`);
    } else {
      from = index + 1;
    }
  }
  for (const unwanted of expect.no_effects ?? []) {
    const hit = effects.find((e) => (typeof unwanted === 'string' ? e.type === unwanted : matchPartial(e, unwanted)));
    if (hit) problems.push(`no_effects: ${JSON.stringify(unwanted)} happened: ${JSON.stringify(hit)}`);
  }
  if (problems.length > 0 && (expect.effects?.length ?? 0) > 0) {
    problems.push(`actual effects:\n${effects.map((e) => `      ${JSON.stringify(e)}`).join('\n')}`);
  }
  return problems;
}
