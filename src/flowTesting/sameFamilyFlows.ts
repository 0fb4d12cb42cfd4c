import type { CompiledFlow } from '../core/engine/compiledFlow';
import type { FlowForLocale } from '../core/engine/switchConversationLanguage';

/**
 * The flows a test or chat conversation may switch to when the debtor writes another language: the same family
 * in that language (collections-es ↔ collections-en), as the pipeline picks flows by locale. Pure.
 */
export function sameFamilyFlows(flow: CompiledFlow, flows: ReadonlyMap<string, CompiledFlow>): FlowForLocale {
  const family = flow.id.replace(/-[a-z]{2}$/, '');
  return (locale) => flows.get(`${family}-${locale.split('-')[0]?.toLowerCase() ?? ''}`);
}
