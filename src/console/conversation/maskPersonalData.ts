import { redactPii } from '../../core/guardrails/redactPii';

const MASK = '•••';

/** A name as a viewer sees it: the initial only. Pure. */
export function maskName(name: string): string {
  const first = [...name.trim()][0];
  return first ? `${first}${MASK}` : MASK;
}

/** A phone or channel address as a viewer sees it: the last two digits only. Pure. */
export function maskAddress(address: string): string {
  const digits = address.replace(/\D/g, '');
  return `${MASK}${digits.slice(-2)}`;
}

/**
 * A message body as a viewer sees it: names, phones, e-mails, documents and links replaced (redactPii), then every
 * remaining run of 4+ digits and every date (verification answers: document digits, birth dates) masked. Pure.
 */
export function maskBody(body: string, names: readonly string[]): string {
  const redacted = redactPii(body, { names }).text;
  return redacted.replace(/\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b/g, MASK).replace(/\d[\d\s.-]{2,}\d/g, (run) => (run.replace(/\D/g, '').length >= 4 ? MASK : run));
}
