import { fail, type Result } from '../result';

export const PLACEHOLDERS = ['account', 'amount', 'currency', 'reference', 'signature'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
const REQUIRED: readonly Placeholder[] = ['account', 'amount', 'reference', 'signature'];

/** A template split into literal text and placeholders, in order. */
export type TemplatePart = { literal: string } | { placeholder: Placeholder };

const isPlaceholder = (name: string): name is Placeholder => PLACEHOLDERS.some((p) => p === name);

/**
 * Splits a payment-link template such as `https://pay.example.com/p?account={account}&amount={amount}&sig={signature}`
 * into parts. {account}, {amount}, {reference} and {signature} must each appear exactly once; {currency} at most
 * once (when absent, the verifier must be told the currency). Fails with PAYMENT_LINK.BAD_TEMPLATE. Pure.
 */
export function parsePaymentLinkTemplate(template: string): Result<TemplatePart[]> {
  const parts: TemplatePart[] = [];
  const seen = new Set<string>();
  let rest = template;
  for (let match = /\{([a-z]+)\}/.exec(rest); match; match = /\{([a-z]+)\}/.exec(rest)) {
    const name = match[1] ?? '';
    if (!isPlaceholder(name)) return fail('PAYMENT_LINK.BAD_TEMPLATE', `unknown placeholder {${name}}: use ${PLACEHOLDERS.map((p) => `{${p}}`).join(' ')}`);
    if (seen.has(name)) return fail('PAYMENT_LINK.BAD_TEMPLATE', `{${name}} appears twice: use each placeholder once`);
    seen.add(name);
    if (match.index > 0) parts.push({ literal: rest.slice(0, match.index) });
    parts.push({ placeholder: name });
    rest = rest.slice(match.index + match[0].length);
  }
  if (rest.length > 0) parts.push({ literal: rest });
  const missing = REQUIRED.filter((p) => !seen.has(p));
  if (missing.length > 0) return fail('PAYMENT_LINK.BAD_TEMPLATE', `the template needs ${missing.map((p) => `{${p}}`).join(', ')}`);
  return { ok: true, value: parts };
}
