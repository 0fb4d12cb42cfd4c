/**
 * Why an outbound message did not arrive, for a supervisor: the outbox's error code (Twilio's numeric code from a
 * status callback as TWILIO.<n>, the channel adapters' own codes from a send that failed for good).
 */
const FAILURE_TEXT: Record<string, string> = {
  'TWILIO.30003': 'the phone is unreachable (off or out of coverage)',
  'TWILIO.30004': 'the message was blocked',
  'TWILIO.30005': 'unknown or inactive number',
  'TWILIO.30006': 'a landline, or a carrier that cannot receive it',
  'TWILIO.30007': 'filtered by the carrier',
  'TWILIO.30008': 'the carrier reported an unknown error',
  'TWILIO.63016': "outside WhatsApp's 24-hour window: only an approved template arrives",
  'TWILIO.OUTSIDE_WHATSAPP_WINDOW': "outside WhatsApp's 24-hour window: only an approved template arrives",
  'TWILIO.21610': 'the person replied STOP to this sender',
  'TWILIO.RECIPIENT_OPTED_OUT': 'the person replied STOP to this sender',
  'TWILIO.INVALID_RECIPIENT': 'not a valid number',
  'TWILIO.REGION_NOT_ENABLED': 'sending to this country is not enabled',
  'TWILIO.REJECTED': 'Twilio refused the message',
  'TWILIO.AUTH_FAILED': "Twilio refused Pacto's credentials",
};

/** The reason in words (a generic one for codes not listed), for the transcript and the inbox. Pure. */
export function deliveryFailureText(code: string | null): string {
  if (code === null) return 'the provider reported a failure';
  return FAILURE_TEXT[code] ?? 'the provider could not deliver it';
}
