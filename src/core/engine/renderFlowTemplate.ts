import type { CompiledFlow } from './compiledFlow';
import { renderTemplate } from './renderTemplate';
import { resolveLocaleTemplates } from './resolveLocaleTemplates';
import type { Effect, Facts } from './types';

/**
 * Renders one of a flow's templates in `locale` outside a step (the pipeline's own notices: an opt-out confirmed
 * in a state the flow does not run, a re-subscribe acknowledged), with the facts and no slots. Undefined when the
 * flow has no such template, or when it needs a variable the facts lack (a notice is never sent half-rendered).
 * Pure.
 */
export function renderFlowTemplate(flow: CompiledFlow, key: string, locale: string, facts: Facts): string | undefined {
  const template = resolveLocaleTemplates(flow, locale).get(key);
  if (template === undefined) return undefined;
  const problems: Effect[] = [];
  const text = renderTemplate(template, facts, {}, { locale, timeZone: facts.debtor.timeZone, formatters: flow.caches.formatters }, problems);
  return problems.length === 0 ? text : undefined;
}
