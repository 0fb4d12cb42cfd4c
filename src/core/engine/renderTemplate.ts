import { formatValue } from './formatValue';
import type { CompiledTemplate } from './compiledFlow';
import type { FormatContext } from './formatValue';
import type { Effect, Facts } from './types';

function readPath(path: readonly string[], facts: Facts, slots: Record<string, unknown>): unknown {
  let value: unknown = path[0] === 'slots' ? slots : facts[path[0] ?? ''];
  for (let i = 1; i < path.length; i++) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = Reflect.get(value, path[i] ?? '');
  }
  return value;
}

/**
 * Renders a pre-split template against `{ ...facts, slots }` without building that object. A missing or
 * unformattable variable renders as '' and appends an audit effect to `effects`: it is a bug in the flow or
 * the facts, never a reason to fail the conversation. Pure apart from appending to `effects`.
 */
export function renderTemplate(
  template: CompiledTemplate,
  facts: Facts,
  slots: Record<string, unknown>,
  ctx: FormatContext,
  effects: Effect[],
): string {
  const parts = template.parts;
  if (parts.length === 1 && parts[0]?.kind === 'text') return parts[0].text;
  let out = '';
  for (const part of parts) {
    if (part.kind === 'text') {
      out += part.text;
      continue;
    }
    const value = readPath(part.path, facts, slots);
    if (value === undefined || value === null) {
      effects.push({ type: 'audit', code: 'TEMPLATE.MISSING_VARIABLE', data: { template: template.key, variable: part.source } });
      continue;
    }
    const text = formatValue(value, part.filter, ctx);
    if (text === undefined) {
      effects.push({
        type: 'audit',
        code: 'TEMPLATE.INVALID_VALUE',
        data: { template: template.key, variable: part.source, filter: part.filter ?? null },
      });
      continue;
    }
    out += text;
  }
  return out;
}
