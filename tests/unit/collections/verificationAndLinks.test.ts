import { describe, expect, it } from 'vitest';
import { buildPaymentLink } from '../../../src/core/collections/paymentLinks/buildPaymentLink';
import { verifyPaymentLink } from '../../../src/core/collections/paymentLinks/verifyPaymentLink';
import { checkVerification } from '../../../src/core/collections/verification/checkVerification';
import { hashVerificationFactor } from '../../../src/core/collections/verification/hashVerificationFactor';

const salt = 'per-debtor-salt-0001';
const stored = { salt, hashes: [hashVerificationFactor('1234', salt), hashVerificationFactor('1988-04-12', salt)] };
const now = new Date('2026-12-01T12:00:00Z');
const options = { maxAttempts: 3, lockMinutes: 30 };

describe('identity verification', () => {
  it('normalises digits and dates before hashing', () => {
    expect(hashVerificationFactor('12-34', salt)).toBe(stored.hashes[0]);
    expect(hashVerificationFactor('12/04/1988', salt)).toBe(stored.hashes[1]);
    expect(hashVerificationFactor('04/12/1988', salt, 'mdy')).toBe(stored.hashes[1]);
    expect(hashVerificationFactor('1234', 'another-salt-0002')).not.toBe(stored.hashes[0]);
    expect(stored.hashes[0]).toMatch(/^[0-9a-f]{64}$/);
  });

  it('passes, counts failures, then locks for the configured minutes', () => {
    expect(checkVerification('1.234', stored, 2, now, null, options)).toEqual({ status: 'passed', attempts: 0, lockUntil: null });
    expect(checkVerification('9999', stored, 0, now, null, options)).toEqual({ status: 'failed', attempts: 1, attemptsLeft: 2, lockUntil: null });
    const locked = checkVerification('9999', stored, 2, now, null, options);
    expect(locked).toEqual({ status: 'locked', attempts: 3, lockUntil: '2026-12-01T12:30:00.000Z' });
    // Even the right answer is refused while locked; after the lock it counts afresh.
    expect(checkVerification('1234', stored, 3, new Date('2026-12-01T12:10:00Z'), '2026-12-01T12:30:00.000Z', options).status).toBe('locked');
    expect(checkVerification('0000', stored, 3, new Date('2026-12-01T12:31:00Z'), '2026-12-01T12:30:00.000Z', options)).toMatchObject({ status: 'failed', attempts: 1 });
  });
});

describe('payment links', () => {
  const template = 'https://pay.example.com/p?account={account}&amount={amount}&cur={currency}&ref={reference}&sig={signature}';
  const secret = 'a-long-payment-link-secret';

  it('builds a signed link whose amount cannot be altered', () => {
    const built = buildPaymentLink(template, { accountId: 'acc co/1', amount: { minor: 125_000_050, currency: 'COP' }, reference: 'PLAN-7&1' }, secret);
    if (!built.ok) throw new Error(built.error.message);
    expect(built.value).toMatch(/^https:\/\/pay\.example\.com\/p\?account=acc%20co%2F1&amount=1250000\.50&cur=COP&ref=PLAN-7%261&sig=[A-Za-z0-9_-]{43}$/);
    expect(verifyPaymentLink(built.value, secret, { template })).toEqual({ ok: true, value: { accountId: 'acc co/1', amount: { minor: 125_000_050, currency: 'COP' }, reference: 'PLAN-7&1' } });
    const tampered = built.value.replace('amount=1250000.50', 'amount=1250.50');
    expect(!verifyPaymentLink(tampered, secret, { template }).ok && 'BAD_SIGNATURE').toBe('BAD_SIGNATURE');
    expect(verifyPaymentLink(built.value.replace('cur=COP', 'cur=USD'), secret, { template })).toMatchObject({ ok: false, error: { code: 'PAYMENT_LINK.BAD_SIGNATURE' } });
    expect(verifyPaymentLink(built.value, 'another-secret-value', { template })).toMatchObject({ ok: false, error: { code: 'PAYMENT_LINK.BAD_SIGNATURE' } });
    expect(verifyPaymentLink(built.value.replace('1250000.50', '1250000.5'), secret, { template })).toMatchObject({ ok: false, error: { code: 'PAYMENT_LINK.MALFORMED' } });
  });

  it('works with a template without {currency} when the verifier knows it, and rejects bad templates', () => {
    const noCurrency = 'https://pay.example.com/p?account={account}&amount={amount}&ref={reference}&sig={signature}';
    const built = buildPaymentLink(noCurrency, { accountId: 'acc-cl-9876', amount: { minor: 480_000, currency: 'CLP' }, reference: 'R1' }, secret);
    expect(built.ok && built.value).toMatch(/amount=480000&/);
    expect(built.ok && verifyPaymentLink(built.value, secret, { template: noCurrency, currency: 'CLP' }).ok).toBe(true);
    expect(built.ok && verifyPaymentLink(built.value, secret, { template: noCurrency, currency: 'COP' }).ok).toBe(false);
    expect(buildPaymentLink('https://x/{account}/{amount}', { accountId: 'a', amount: { minor: 1, currency: 'USD' }, reference: 'r' }, secret)).toMatchObject({ ok: false, error: { code: 'PAYMENT_LINK.BAD_TEMPLATE' } });
  });
});
