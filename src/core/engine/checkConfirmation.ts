import { CONFIRMATION_TEMPLATES } from './confirmPendingValues';
import type { ErrorSink } from './createErrorSink';
import type { FlowSpec } from './flowSchema';

function languageOf(locale: string): string {
  return locale.split('-')[0] ?? locale;
}

/**
 * A flow with `confirmation: true` must define `confirm_values` and `confirm_rejected` for every declared
 * locale (regional table or its language); flows that do not opt in need neither. Pure apart from the sink.
 */
export function checkConfirmation(spec: FlowSpec, sink: ErrorSink): void {
  if (spec.confirmation !== true) return;
  const required = [CONFIRMATION_TEMPLATES.ask, CONFIRMATION_TEMPLATES.rejected];
  for (const locale of spec.locales) {
    const keys = new Set([...Object.keys(spec.templates[languageOf(locale)] ?? {}), ...Object.keys(spec.templates[locale] ?? {})]);
    for (const key of required) {
      if (keys.has(key)) continue;
      sink.add(
        'FLOW.MISSING_CONFIRMATION_TEMPLATE',
        ['confirmation'],
        `confirmation: true needs the template '${key}' for locale '${locale}'. Add it under templates: ${languageOf(locale)}: (it may use {{slots._pending_amount | money}} and {{slots._pending_date | date}}) or remove confirmation: true`,
      );
    }
  }
}
