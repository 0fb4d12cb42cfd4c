import { z } from 'zod';

/**
 * The zod schema of a flow YAML file (see flows/README.md). Unknown keys are rejected so that a typo such as
 * `tagret:` is reported instead of silently ignored. Name checks (states, guards, actions, templates, intents)
 * happen after this, in checkFlow, because they need the whole file and the registry.
 */

const name = z
  .string({ error: 'expected a name (text)' })
  .min(1, { error: 'a name cannot be empty' });

/** `say: greeting` and `say: [greeting, menu]` both mean a list of template keys. */
const nameList = z
  .union([name, z.array(name, { error: 'expected a list of names' })], {
    error: 'expected a name or a list of names, e.g. [greeting]',
  })
  .transform((value) => (typeof value === 'string' ? [value] : value));

export const DURATION_PATTERN = /^(\d+)(s|m|h|d)$/;

const duration = z.string({ error: 'expected a duration such as 30m, 2h, 1d or 90s' }).regex(DURATION_PATTERN, {
  error: 'not a duration: write a whole number followed by s, m, h or d, e.g. 90s, 30m, 2h, 1d',
});

const handlerShape = {
  say: nameList.optional(),
  actions: nameList.optional(),
  guard: name.optional(),
  unless: name.optional(),
  target: name.optional(),
};

/** A reaction to something: optional guard, actions to run, templates to say, and a state to go to. */
export const handlerSchema = z.strictObject(handlerShape);

export const transitionSchema = z
  .strictObject({ ...handlerShape, intent: nameList.optional(), event: nameList.optional() })
  .refine((t) => (t.intent === undefined) !== (t.event === undefined), {
    error: 'a transition needs exactly one of `intent:` (what the debtor said) or `event:` (a system event)',
  });

export const alwaysSchema = z.strictObject({ ...handlerShape, target: name });

export const retriesSchema = z.strictObject({
  max: z.number({ error: 'expected a whole number' }).int().min(1, { error: 'max must be at least 1' }),
  say: nameList.optional(),
  actions: nameList.optional(),
  target: name.optional(),
});

export const inactivitySchema = z.strictObject({
  after: duration,
  say: nameList.optional(),
  actions: nameList.optional(),
  target: name.optional(),
});

export const ENTITY_NAMES = ['amount', 'date', 'count', 'frequency', 'identifier'] as const;

export const askSchema = z.strictObject({
  entity: z.enum(ENTITY_NAMES, { error: `expected one of: ${ENTITY_NAMES.join(', ')}` }),
  slot: name,
});

export const stateSchema = z.strictObject({
  description: z.string().optional(),
  say: nameList.optional(),
  ask: askSchema.optional(),
  on: z.array(transitionSchema, { error: 'expected a list of transitions (each starting with `- intent:` or `- event:`)' }).optional(),
  always: z.union([alwaysSchema, z.array(alwaysSchema)]).optional(),
  otherwise: handlerSchema.optional(),
  retries: retriesSchema.optional(),
  inactivity: inactivitySchema.optional(),
  overrides: z.record(z.string(), handlerSchema).optional(),
  final: z.boolean({ error: 'expected true or false' }).optional(),
  /**
   * An offer waits for the debtor's answer here: refiners read a vague "👍" as needing confirmation, a clear "sí"
   * restating the terms as acceptance and new terms as a counter-proposal; a returning debtor is shown it again.
   */
  offer: z.boolean({ error: 'expected true or false (offer: true marks a state where an offer waits for an answer)' }).optional(),
  /**
   * A message none of this state's transitions takes, with a clear purpose of its own (a plan request, "I already
   * paid", a question), is served as the state named in `as` serves it (its `on` transitions), before `otherwise`;
   * the intents in `except` (the answers this state waits for, such as affirm and deny) never are.
   */
  unmatched: z.strictObject({ as: name, except: nameList.optional() }, { error: 'expected { as: STATE, except: [intents] }' }).optional(),
});

const templateTable = z.record(z.string(), z.string({ error: 'a template must be text (quote it if it has : or #)' }));

export const flowSchema = z.strictObject({
  id: z.string({ error: 'expected the flow id (text)' }).regex(/^[a-z0-9][a-z0-9_-]*$/, {
    error: 'a flow id uses lowercase letters, digits, - and _ (e.g. collections-es)',
  }),
  description: z.string().optional(),
  locales: z
    .array(z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, { error: 'expected a locale such as es, es-MX or en-US' }), {
      error: 'expected a list of locales, e.g. [es]',
    })
    .min(1, { error: 'declare at least one locale, e.g. locales: [es]' }),
  initial: name,
  intents: z.array(name, { error: 'expected a list of intent names' }).optional(),
  /** Registered refiners (by name) each message goes through, in order, before the state's transitions match it. */
  refine: nameList.optional(),
  /** Opt-in: values only the LLM understood are confirmed with the debtor first (templates confirm_values, confirm_rejected). */
  confirmation: z.boolean({ error: 'expected true or false' }).optional(),
  globals: z.record(z.string(), handlerSchema).optional(),
  states: z.record(z.string(), stateSchema, { error: 'expected a map of states (name: { ... })' }),
  templates: z.record(z.string(), templateTable, { error: 'expected templates per locale, e.g. templates: { es: { greeting: "Hola" } }' }),
});

export type FlowSpec = z.infer<typeof flowSchema>;
export type StateSpec = z.infer<typeof stateSchema>;
export type HandlerSpec = z.infer<typeof handlerSchema>;
export type TransitionSpec = z.infer<typeof transitionSchema>;
export type AlwaysSpec = z.infer<typeof alwaysSchema>;
export type RetriesSpec = z.infer<typeof retriesSchema>;
export type InactivitySpec = z.infer<typeof inactivitySchema>;
export type EntityName = (typeof ENTITY_NAMES)[number];
