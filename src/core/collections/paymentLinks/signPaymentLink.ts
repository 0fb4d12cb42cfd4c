import { createHmac } from 'node:crypto';
import type { Money } from '../money/money';

/** What a payment link commits to. */
export interface PaymentLinkFields {
  accountId: string;
  amount: Money;
  reference: string;
}

/**
 * Base64url HMAC-SHA256 over account, amount in minor units, currency and reference (newline-separated, so no
 * field can bleed into the next), keyed by the service's secret. Pure (node:crypto).
 */
export function signPaymentLink(fields: PaymentLinkFields, secret: string): string {
  const message = [fields.accountId, String(fields.amount.minor), fields.amount.currency, fields.reference].join('\n');
  return createHmac('sha256', secret).update(message, 'utf8').digest('base64url');
}
