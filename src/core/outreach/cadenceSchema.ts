import { z } from 'zod';

/**
 * The zod schema of a cadence file (flows/cadences/*.yaml; flows/README.md says how to write one). Unknown keys
 * are rejected so a typo is reported, not ignored. Cross-field checks (template names, locales, variables, event
 * days) run after this in checkCadenceSemantics.
 */

/** The channels a cadence may write on, in the order it lists them. */
export const OUTREACH_CHANNELS = ['whatsapp', 'sms'] as const;
export type OutreachChannel = (typeof OUTREACH_CHANNELS)[number];

/** What an event step is anchored to: a promise's date, or a plan installment's due date. */
export const EVENT_KINDS = ['promise_due', 'promise_broken', 'installment_due', 'installment_missed'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/**
 * The variables a cadence template may use. Only who writes and to whom: a proactive message may reach whoever
 * holds the phone, so nothing about the debt (amount, product, dates) is ever put in it.
 */
export const TEMPLATE_VARIABLES = ['firstName', 'creditor'] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

const id = z.string({ error: 'expected a name (text)' }).regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, { error: 'use lower-case letters, digits, - and _ (at most 64)' });
const text = z.string({ error: 'expected text' }).min(1, { error: 'cannot be empty' });
const clockTime = z.string({ error: 'expected a time written HH:MM' }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'expected a time written HH:MM (24 hours), e.g. 09:00' });
const day = z.number({ error: 'expected a whole number of days' }).int({ error: 'expected a whole number of days' }).min(-365, { error: 'at most 365 days before' }).max(3650, { error: 'at most 3650 days after' });
const positive = (what: string, max: number) =>
  z.number({ error: `expected a whole number of ${what}` }).int({ error: `expected a whole number of ${what}` }).min(1, { error: `at least 1 ${what.replace(/s$/, '')}` }).max(max, { error: `at most ${max} ${what}` });
const minor = z.number({ error: 'expected an amount in minor units (a whole number)' }).int({ error: 'expected a whole number of minor units' }).min(0, { error: 'cannot be negative' });
const names = z.array(text, { error: 'expected a list, e.g. [Banco Andino]' }).min(1, { error: 'leave the key out to match any' });
const range = <T extends z.ZodType>(item: T) => z.strictObject({ min: item.optional(), max: item.optional() });

const appliesSchema = z.strictObject({
  creditors: names.optional(),
  products: names.optional(),
  segments: names.optional(),
  /** Days past the due date as the debtor's calendar counts them: negative before it, 0 on it. */
  daysPastDue: range(day).optional(),
  balanceMinor: range(minor).optional(),
});

const channelSchema = z.enum(OUTREACH_CHANNELS, { error: (iss) => `unknown channel ${JSON.stringify(iss.input)}: use ${OUTREACH_CHANNELS.join(', ')}` });
const variableSchema = z.enum(TEMPLATE_VARIABLES, { error: (iss) => `unknown variable ${JSON.stringify(iss.input)}: use ${TEMPLATE_VARIABLES.join(', ')}` });

const templateSchema = z.strictObject({
  /** Text per locale ('es', 'en', or a full tag such as 'es-CO'); {firstName} and {creditor} are filled in. */
  text: z.record(z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, { error: 'a locale such as es, en or es-CO' }), text),
  /** The approved WhatsApp template (Twilio Content API) sent when the 24-hour window is closed. */
  whatsapp: z
    .strictObject({
      contentSid: z.string({ error: 'expected a Content SID' }).regex(/^HX[0-9a-f]{32}$/, { error: 'a Content SID is HX followed by 32 hex digits' }),
      variables: z.record(z.string().regex(/^\d{1,2}$/, { error: 'template variables are numbered: "1", "2", …' }), variableSchema).default({}),
    })
    .optional(),
});

const stepSchema = z.strictObject({
  id,
  /** Days relative to the account's due date (−3 three days before, 0 on the day, 7 a week after). */
  day,
  template: id,
  /** Repeat every N days after `day`, up to `until` (inclusive). */
  every: positive('days', 365).optional(),
  until: day.optional(),
  /** How many local days the step may still go out when it could not on its own day (held, paused). Default 3. */
  validDays: positive('days', 30).optional(),
});

const eventStepSchema = z.strictObject({
  id,
  on: z.enum(EVENT_KINDS, { error: (iss) => `unknown event ${JSON.stringify(iss.input)}: use ${EVENT_KINDS.join(', ')}` }),
  /** Days relative to the promise or installment date (−1 the day before, 0 on the day, 1 the day after). */
  day,
  template: id,
  /** Default 1: a reminder for a date is stale the day after. */
  validDays: positive('days', 30).optional(),
});

export const cadenceFileSchema = z.strictObject({
  id,
  description: text.optional(),
  /** When several cadences apply to an account, the highest priority wins (then the first file by name). */
  priority: z.number({ error: 'expected a whole number' }).int({ error: 'expected a whole number' }).default(0),
  applies: appliesSchema.default({}),
  locales: z
    .array(z.string({ error: 'expected a locale' }).regex(/^[a-z]{2}(-[A-Z]{2})?$/, { error: 'a locale such as es, en or es-CO' }), { error: 'expected the locales of the texts, e.g. [es, en]' })
    .min(1, { error: 'name at least one locale' }),
  /** Local time of day a step is due in the debtor's time zone (the compliance gate may still move it). */
  sendAt: clockTime.default('09:00'),
  channels: z.array(channelSchema, { error: 'expected the channels in order, e.g. [whatsapp, sms]' }).min(1, { error: 'name at least one channel' }),
  /** No proactive step while the debtor wrote in the last N hours (the conversation is alive). */
  quietAfterInboundHours: z.number({ error: 'expected a whole number of hours' }).int({ error: 'expected a whole number of hours' }).min(0).max(720).default(24),
  steps: z.array(stepSchema).default([]),
  events: z.array(eventStepSchema).default([]),
  templates: z.record(id, templateSchema, { error: 'expected templates: a map of template names to their texts' }),
});

export type CadenceFile = z.infer<typeof cadenceFileSchema>;
export type CadenceStep = CadenceFile['steps'][number];
export type CadenceEventStep = CadenceFile['events'][number];
export type CadenceTemplate = CadenceFile['templates'][string];

/** A loaded cadence and the file it came from (the order of files breaks priority ties). */
export interface Cadence extends CadenceFile {
  file: string;
}
