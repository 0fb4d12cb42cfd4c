import { normalizeText } from './normalizeText';
import { recognize } from './recognize';

/** What a message asks about being written to: stop (opt_out) or start again (resubscribe). */
export type ConsentCommand = 'opt_out' | 'resubscribe';

// An explicit re-subscribe: the keyword alone (START, ALTA, SUSCRIBIR…) or a sentence asking for messages again.
// "Alta" alone only: "la cuota es muy alta" is not a re-subscribe.
const RESUBSCRIBE_WORD_RE = /^(?:start|unstop|resubscribe|subscribe|opt in|alta|suscribir(?:me)?|suscribirme de nuevo|reactivar|yes start)$/;
const RESUBSCRIBE_PHRASE_RE =
  /\b(?:quiero|deseo|quisiera) (?:volver a )?recibir (?:los |sus |tus )?(?:mensajes|msj|sms|whatsapps?)\b|\bvolver a recibir (?:los |sus |tus )?(?:mensajes|msj|sms)\b|\bdar(?:me)? de alta\b|\b(?:start|resume) (?:sending|texting|messaging)(?: me)?\b|\bi want (?:to receive|your) messages again\b|\bsend me messages again\b/;
const NEGATED_RE = /\bno (?:quiero|deseo|quisiera|volver)\b|\b(?:do not|dont|don t) (?:want|start|send)\b/;

/**
 * Whether a message asks to stop being written to (the rules NLU reads `opt_out`: STOP, BAJA, "no me escriban
 * más") or explicitly asks to be written to again (START, ALTA, SUSCRIBIR, "quiero volver a recibir mensajes");
 * null for anything else. A negated re-subscribe ("no quiero volver a recibir mensajes") stops. Uses only the
 * deterministic rules, so it answers before any flow, model or state is consulted. Pure.
 */
export function recognizeConsentCommand(text: string, ctx: { locale: string; timeZone: string; now: Date }): ConsentCommand | null {
  const lang = ctx.locale.toLowerCase().startsWith('en') ? 'en' : 'es';
  const norm = normalizeText(text, lang).replace(/[^a-z ]+/g, ' ').replace(/\s+/g, ' ').trim();
  // An explicit re-subscribe is read before the general intent, whose statistical fallback reads any sentence about
  // "messages" as a stop; a negated one ("no quiero volver a recibir mensajes") is a stop.
  const asksAgain = RESUBSCRIBE_WORD_RE.test(norm) || RESUBSCRIBE_PHRASE_RE.test(norm);
  if (asksAgain && !NEGATED_RE.test(norm)) return 'resubscribe';
  if (asksAgain) return 'opt_out';
  return recognize(text, { locale: ctx.locale, timeZone: ctx.timeZone, now: ctx.now }).intent === 'opt_out' ? 'opt_out' : null;
}
