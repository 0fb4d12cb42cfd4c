import type { CadenceTemplate } from './cadenceSchema';
import type { OutreachAccount } from './outreachAccount';

/** The text of a step for the debtor and, for a closed WhatsApp window, the Content template and its variables. */
export interface RenderedOutreach {
  body: string;
  contentSid: string | null;
  contentVariables: Record<string, string> | null;
}

/**
 * Fills a cadence template for the account: the text in the debtor's locale (full tag, then its language, then
 * the cadence's first locale) with {firstName} and {creditor}; with `useContentTemplate`, the approved WhatsApp
 * template's SID and numbered variables too. The loader guarantees the texts and variables exist. Pure.
 */
export function renderOutreachMessage(template: CadenceTemplate, locales: readonly string[], account: OutreachAccount, useContentTemplate: boolean): RenderedOutreach {
  const language = account.locale.split('-')[0] ?? '';
  const text = template.text[account.locale] ?? template.text[language] ?? template.text[locales[0] ?? ''] ?? '';
  const values: Record<string, string> = { firstName: account.firstName, creditor: account.creditor };
  const body = text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
  if (!useContentTemplate || !template.whatsapp) return { body, contentSid: null, contentVariables: null };
  const contentVariables: Record<string, string> = {};
  for (const [slot, name] of Object.entries(template.whatsapp.variables)) contentVariables[slot] = values[name] ?? '';
  return { body, contentSid: template.whatsapp.contentSid, contentVariables };
}
