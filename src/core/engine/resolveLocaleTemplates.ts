import type { CompiledFlow, CompiledTemplate } from './compiledFlow';

function languageOf(locale: string): string {
  const dash = locale.indexOf('-');
  return dash === -1 ? locale : locale.slice(0, dash);
}

/**
 * The template table a session locale sees: the regional table (es-MX) over its language (es); when the flow
 * has neither, the first declared locale. Memoized on the flow. Pure apart from the memo.
 */
export function resolveLocaleTemplates(flow: CompiledFlow, locale: string): ReadonlyMap<string, CompiledTemplate> {
  const cached = flow.caches.templatesByLocale.get(locale);
  if (cached) return cached;
  let chain = [languageOf(locale), locale].filter((l, i, all) => flow.templates.has(l) && all.indexOf(l) === i);
  if (chain.length === 0) {
    const first = flow.locales[0] ?? '';
    chain = [languageOf(first), first].filter((l, i, all) => flow.templates.has(l) && all.indexOf(l) === i);
  }
  const table = new Map<string, CompiledTemplate>();
  for (const l of chain) for (const [key, template] of flow.templates.get(l) ?? []) table.set(key, template);
  flow.caches.templatesByLocale.set(locale, table);
  return table;
}
