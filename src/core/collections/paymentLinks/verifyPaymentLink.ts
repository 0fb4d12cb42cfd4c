import { timingSafeEqual } from 'node:crypto';
import { isKnownCurrency } from '../money/currencyDigits';
import { formatDecimalAmount } from '../money/formatDecimalAmount';
import { parseDecimalAmount } from '../money/parseDecimalAmount';
import { fail, type Result } from '../result';
import { parsePaymentLinkTemplate, type Placeholder } from './paymentLinkTemplate';
import { signPaymentLink, type PaymentLinkFields } from './signPaymentLink';

function decode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/**
 * Checks a payment link made by buildPaymentLink with the same template and secret, and returns what it commits
 * to. When the template has no {currency}, pass the account currency in `options.currency`. Fails with
 * PAYMENT_LINK.BAD_TEMPLATE, PAYMENT_LINK.MALFORMED (does not match the template, or the amount is not written
 * canonically) or PAYMENT_LINK.BAD_SIGNATURE (altered). Pure (node:crypto).
 */
export function verifyPaymentLink(url: string, secret: string, options: { template: string; currency?: string }): Result<PaymentLinkFields> {
  const parsed = parsePaymentLinkTemplate(options.template);
  if (!parsed.ok) return parsed;
  const names: Placeholder[] = [];
  const pattern = parsed.value
    .map((part) => {
      if ('literal' in part) return part.literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(part.placeholder);
      return '([^&#/?]*)';
    })
    .join('');
  const match = new RegExp(`^${pattern}$`).exec(url);
  if (!match) return fail('PAYMENT_LINK.MALFORMED', 'the link does not match the payment-link template');
  const values: Partial<Record<Placeholder, string>> = {};
  for (const [i, name] of names.entries()) {
    const value = decode(match[i + 1] ?? '');
    if (value === null) return fail('PAYMENT_LINK.MALFORMED', `{${name}} is not valid URL encoding`);
    values[name] = value;
  }
  const currency = values.currency ?? options.currency ?? '';
  if (!isKnownCurrency(currency)) return fail('PAYMENT_LINK.MALFORMED', 'unknown or missing currency');
  const amount = parseDecimalAmount(values.amount ?? '', currency, '.');
  if (!amount.ok || formatDecimalAmount(amount.value) !== values.amount) return fail('PAYMENT_LINK.MALFORMED', 'the amount is not written as the link builder writes it');
  const fields: PaymentLinkFields = { accountId: values.account ?? '', amount: amount.value, reference: values.reference ?? '' };
  const expected = Buffer.from(signPaymentLink(fields, secret));
  const given = Buffer.from(values.signature ?? '');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return fail('PAYMENT_LINK.BAD_SIGNATURE', 'the link was altered or signed with another secret');
  return { ok: true, value: fields };
}
