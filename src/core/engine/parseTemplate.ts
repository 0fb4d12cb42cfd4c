import { TEMPLATE_FILTERS } from './compiledFlow';
import type { TemplateFilter, TemplatePart } from './compiledFlow';

export type ParseTemplateResult =
  | { ok: true; parts: TemplatePart[] }
  | { ok: false; error: { code: string; message: string; index: number } };

const PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

function isFilter(value: string): value is TemplateFilter {
  return TEMPLATE_FILTERS.some((f) => f === value);
}

/**
 * Splits a template such as `Hola {{debtor.firstName}}, debes {{account.balance | money}}` into literal text
 * and variables, once at load time. Pure; a malformed placeholder is returned as an error with its index.
 */
export function parseTemplate(text: string): ParseTemplateResult {
  const parts: TemplatePart[] = [];
  let cursor = 0;
  while (cursor < text.length) {
    const open = text.indexOf('{{', cursor);
    if (open === -1) break;
    if (open > cursor) parts.push({ kind: 'text', text: text.slice(cursor, open) });
    const close = text.indexOf('}}', open + 2);
    if (close === -1) {
      return { ok: false, error: { code: 'FLOW.TEMPLATE_SYNTAX', index: open, message: "'{{' is never closed: add '}}' after the variable name" } };
    }
    const source = text.slice(open + 2, close).trim();
    const [rawPath = '', rawFilter, extra] = source.split('|').map((s) => s.trim());
    if (!PATH.test(rawPath) || extra !== undefined) {
      return {
        ok: false,
        error: { code: 'FLOW.TEMPLATE_SYNTAX', index: open, message: `'{{${source}}}' is not a variable: write {{name.field}} or {{name.field | filter}}` },
      };
    }
    if (rawFilter !== undefined && !isFilter(rawFilter)) {
      return {
        ok: false,
        error: { code: 'FLOW.UNKNOWN_FILTER', index: open, message: `unknown filter '${rawFilter}' in '{{${source}}}': use one of ${TEMPLATE_FILTERS.join(', ')}` },
      };
    }
    parts.push({ kind: 'var', path: rawPath.split('.'), source: rawPath, ...(rawFilter === undefined ? {} : { filter: rawFilter }) });
    cursor = close + 2;
  }
  if (cursor < text.length) parts.push({ kind: 'text', text: text.slice(cursor) });
  return { ok: true, parts };
}
