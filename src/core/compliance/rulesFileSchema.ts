import { z } from 'zod';

const clock = /^([01]\d|2[0-3]):[0-5]\d-(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
/** A local window 'HH:MM-HH:MM' (end exclusive: '07:00-19:00' allows 18:59, not 19:00). */
export const windowText = z.string().regex(clock, "a window is 'HH:MM-HH:MM' (24-hour clock, end exclusive, e.g. '07:00-19:00')");
/** The windows of one weekday; an empty list closes the day. */
const dayHours = z.array(windowText);
const count = z.number().int().min(1).nullable();

const hoursShape = { mon: dayHours, tue: dayHours, wed: dayHours, thu: dayHours, fri: dayHours, sat: dayHours, sun: dayHours };
const frequencyShape = { perDay: count, perWeek: count, minDaysApart: count, channelsPerWeek: count };

/** flows/compliance/XX.yaml: the contact rules of one jurisdiction (ISO 3166-1 alpha-2 country code). */
export const jurisdictionFileSchema = z.strictObject({
  jurisdiction: z.string().regex(/^[A-Z]{2}$/, 'jurisdiction is an ISO 3166-1 alpha-2 country code such as CO'),
  description: z.string().optional(),
  hours: z.strictObject(hoursShape),
  closedOnHolidays: z.boolean(),
  frequency: z.strictObject(frequencyShape),
  optOutNotice: z.boolean(),
  agentReplyHours: z.number().min(0).max(168),
});

/** flows/compliance/creditors/*.yaml: a creditor's own, stricter rules on top of each jurisdiction's. */
export const creditorFileSchema = z.strictObject({
  creditor: z.string().min(1),
  description: z.string().optional(),
  jurisdictions: z.record(
    z.string().regex(/^[A-Z]{2}$/, 'jurisdiction keys are ISO 3166-1 alpha-2 country codes such as CO'),
    z.strictObject({
      hours: z.strictObject(hoursShape).partial().optional(),
      closedOnHolidays: z.boolean().optional(),
      frequency: z.strictObject(frequencyShape).partial().optional(),
      optOutNotice: z.boolean().optional(),
      agentReplyHours: z.number().min(0).max(168).optional(),
    }),
  ),
});

export type JurisdictionFile = z.infer<typeof jurisdictionFileSchema>;
export type CreditorFile = z.infer<typeof creditorFileSchema>;
export type RulesOverride = CreditorFile['jurisdictions'][string];
