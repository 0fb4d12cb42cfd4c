import { formatDecimalAmount } from '../money/formatDecimalAmount';
import { fail, type Result } from '../result';
import { parsePaymentLinkTemplate } from './paymentLinkTemplate';
import { signPaymentLink, type PaymentLinkFields } from './signPaymentLink';

/**
 * Fills a payment-link template: {account}, {amount} (decimal major units, e.g. 1250000.50; CLP 480000),
 * {currency}, {reference} and {signature} (signPaymentLink), each URL-encoded. The signature covers account,
 * amount, currency and reference, so changing the amount in the URL makes verifyPaymentLink fail. The service
 * calls this (the secret never enters facts). Fails with PAYMENT_LINK.BAD_TEMPLATE. Pure (node:crypto).
 */
export function buildPaymentLink(template: string, fields: PaymentLinkFields, secret: string): Result<string> {
  const parsed = parsePaymentLinkTemplate(template);
  if (!parsed.ok) return parsed;
  if (fields.amount.minor <= 0) return fail('PAYMENT_LINK.INVALID_AMOUNT', 'a payment link needs an amount above zero');
  const values = {
    account: fields.accountId,
    amount: formatDecimalAmount(fields.amount),
    currency: fields.amount.currency,
    reference: fields.reference,
    signature: signPaymentLink(fields, secret),
  };
  return { ok: true, value: parsed.value.map((part) => ('literal' in part ? part.literal : encodeURIComponent(values[part.placeholder]))).join('') };
}
