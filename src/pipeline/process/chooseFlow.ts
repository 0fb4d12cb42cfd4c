import type { CompiledFlow } from '../../core/engine/compiledFlow';
import type { FlowSource } from '../../ports/flowSource';

/**
 * Picks the flow for a new conversation from the debtor's locale language (collections-es, collections-en),
 * falling back to collections-es. Returns undefined when no such flow is loaded (a deployment error). No I/O.
 */
export function chooseFlow(flows: FlowSource, locale: string, flowIdForLocale?: (locale: string) => string): CompiledFlow | undefined {
  if (flowIdForLocale) return flows.current(flowIdForLocale(locale));
  const language = locale.split('-')[0]?.toLowerCase() ?? 'es';
  return flows.current(`collections-${language}`) ?? flows.current('collections-es');
}
