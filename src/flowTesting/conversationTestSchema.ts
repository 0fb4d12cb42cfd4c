import { z } from 'zod';

/**
 * The zod schema of a conversation-test YAML file (tests/conversations/*.yaml): a flow, a named facts
 * fixture, a fake `now`, and tests made of steps, each with an optional expectation. Pure.
 */

const DURATION = /^(\d+)(s|m|h|d)$/;

/** A string pattern: plain text matches as a substring, `/re/flags` as a regular expression. */
const pattern = z.string().min(1);
const patterns = z.union([pattern, z.array(pattern)]).transform((v) => (typeof v === 'string' ? [v] : v));
const names = z.union([z.string().min(1), z.array(z.string().min(1))]).transform((v) => (typeof v === 'string' ? [v] : v));
const isoInstant = z.iso.datetime({ offset: true, error: 'expected an ISO date-time such as 2026-11-23T15:00:00Z' });

export const expectationSchema = z.strictObject({
  /** The NLU interpretation of the user's message (debug aid for policy authors). */
  intent: z.string().optional(),
  state: z.string().optional(),
  status: z.enum(['active', 'ended']).optional(),
  /** Template keys said in this turn, exactly and in order. */
  say: names.optional(),
  /** Template keys that must not be said in this turn. */
  not_say: names.optional(),
  /** Every pattern must match the turn's reply text (all says joined by newlines). */
  reply: patterns.optional(),
  /** No pattern may match the turn's reply text. */
  not_reply: patterns.optional(),
  /** Slots after the turn, compared partially (only the keys listed; objects compared recursively). */
  slots: z.record(z.string(), z.unknown()).optional(),
  /** Each listed effect must match one effect of the turn (listed fields only), in this order. */
  effects: z.array(z.record(z.string(), z.unknown())).optional(),
  /** No effect of the turn may match any of these: an effect type name or a partial effect. */
  no_effects: z.array(z.union([z.string(), z.record(z.string(), z.unknown())])).optional(),
});

const expectField = { expect: expectationSchema.optional() };

export const stepSchema = z.union(
  [
    z.strictObject({ start: z.literal(true), ...expectField }),
    z.strictObject({ user: z.union([z.string(), z.number()]).transform(String), ...expectField }),
    z.strictObject({ event: z.string().min(1), data: z.record(z.string(), z.unknown()).optional(), ...expectField }),
    z.strictObject({ timeout: z.string().min(1), ...expectField }),
    z.strictObject({ advance: z.string().regex(DURATION, 'expected a duration such as 90s, 30m, 2h, 1d'), ...expectField }),
    /** The conversation ended; the debtor writes again after DURATION (from another phone or channel with other_address). */
    z.strictObject({ return: z.string().regex(DURATION, 'expected a duration such as 90s, 30m, 2h, 1d'), other_address: z.boolean().optional(), ...expectField }),
  ],
  { error: 'a step is one of: start: true, user: TEXT, event: NAME, timeout: TIMER, advance: DURATION, return: DURATION (each with an optional expect)' },
);

export const conversationTestSchema = z.strictObject({
  name: z.string().min(1),
  facts: z.string().optional(),
  now: isoInstant.optional(),
  locale: z.string().optional(),
  steps: z.array(stepSchema).min(1),
});

export const conversationTestFileSchema = z.strictObject({
  /** The flow file name without .yaml (collections.es) or the flow id (collections-es). */
  flow: z.string().min(1),
  facts: z.string().min(1),
  now: isoInstant,
  /** Session locale; defaults to facts.debtor.locale. */
  locale: z.string().optional(),
  tests: z.array(conversationTestSchema).min(1),
});

export type Expectation = z.infer<typeof expectationSchema>;
export type ConversationStep = z.infer<typeof stepSchema>;
export type ConversationTest = z.infer<typeof conversationTestSchema>;
export type ConversationTestFile = z.infer<typeof conversationTestFileSchema>;
