import type { ProactiveExplanation } from '../../adapters/compliance/explainProactiveContact';
import type { ComplianceCode } from '../../core/compliance/complianceCodes';
import { formatLocalInstant, formatWait } from './format';

/** What each reason of the compliance gate means, for a supervisor. */
const REASON_TEXT: Record<ComplianceCode, string> = {
  'COMPLIANCE.OPTED_OUT': 'the debtor opted out at this address',
  'COMPLIANCE.NO_CONSENT': "the creditor's file gives no consent for this address",
  'COMPLIANCE.WRONG_PARTY': 'the person at this address said they are not the debtor',
  'COMPLIANCE.DECEASED': 'the debtor was reported deceased',
  'COMPLIANCE.DISPUTE_PAUSE': 'an account is in dispute: proactive collection is paused',
  'COMPLIANCE.QUIET_HOURS': "outside the contact hours (the law's or the creditor's) in the debtor's time zone",
  'COMPLIANCE.HOLIDAY': "a public holiday where the debtor lives",
  'COMPLIANCE.SUNDAY': 'Sunday: no contact allowed',
  'COMPLIANCE.CLOSED_DAY': "no contact on this day of the week (the law's or the creditor's rules)",
  'COMPLIANCE.FREQUENCY_CAP': 'the daily or weekly cap of proactive contacts is reached',
  'COMPLIANCE.MIN_SPACING': 'too soon after the last proactive contact',
  'COMPLIANCE.CHANNEL_LIMIT': 'another channel was already used this week',
  'COMPLIANCE.PREFERRED_TIME': 'outside the contact time the debtor asked for',
  'COMPLIANCE.WHATSAPP_WINDOW_NO_TEMPLATE': "WhatsApp's 24-hour window is closed and no approved template is configured",
  'COMPLIANCE.NO_RULES': "no contact rules for the debtor's country",
  'COMPLIANCE.SUPERSEDED': 'the debtor wrote since',
  'COMPLIANCE.WITH_PERSON': 'a person has the conversation: the bot stays silent until it is handed back',
  'COMPLIANCE.EXPIRED': 'no allowed moment within the search horizon',
};

/** A reason code as a supervisor reads it. Pure. */
export function reasonText(code: ComplianceCode): string {
  return REASON_TEXT[code];
}

/**
 * The side panel's "Next proactive message": whether the bot's cadence may write to the debtor now and, when not, the
 * next allowed moment on the debtor's clock (their time zone) with every rule that blocks it, per address.
 */
export function NextContactSection(props: { explanation: ProactiveExplanation; timeZone: string; now: Date }) {
  const { explanation, timeZone, now } = props;
  const next = explanation.nextAllowedAt;
  return (
    <section aria-labelledby="next-contact" class="next-contact">
      <h2 id="next-contact">Next proactive message</h2>
      {explanation.allowed ? (
        <p class="ok">Allowed now ({formatLocalInstant(now, timeZone)}).</p>
      ) : next ? (
        <p>
          Not before <strong>{formatLocalInstant(next, timeZone)}</strong> (in {formatWait(now, next)}).
        </p>
      ) : (
        <p class="warn">Not allowed, and no waiting releases it.</p>
      )}
      {explanation.allowed ? null : (
        <ul aria-label="Why not now">
          {explanation.reasons.map((code) => (
            <li>
              {reasonText(code)} <code>{code}</code>
            </li>
          ))}
          {explanation.channels.length === 0 ? <li>no address in the creditor's file</li> : null}
        </ul>
      )}
      {explanation.channels.length > 1 ? (
        <ul class="meta" aria-label="Per address">
          {explanation.channels.map((c) => (
            <li>
              {c.channel}: {c.allowed ? 'allowed now' : c.nextAllowedAt ? `from ${formatLocalInstant(c.nextAllowedAt, timeZone)}` : 'blocked'}
              {c.allowed ? '' : ` (${c.reasons.map(reasonText).join('; ')})`}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
