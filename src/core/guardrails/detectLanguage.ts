/**
 * A cheap Spanish/English detector: counts frequent function words and Spanish-only letters.
 * Returns 'unknown' when the text is too short or too mixed to say. Pure.
 */
export function detectLanguage(text: string): 'es' | 'en' | 'unknown' {
  const words = text.toLowerCase().match(/[\p{L}']+/gu) ?? [];
  let es = (text.match(/[ñáéíóú¿¡]/gi) ?? []).length;
  let en = 0;
  for (const word of words) {
    if (SPANISH.has(word)) es += 1;
    if (ENGLISH.has(word)) en += 1;
  }
  if (es + en < 2) return 'unknown';
  if (es >= 2 * en) return 'es';
  if (en >= 2 * es) return 'en';
  return 'unknown';
}

const SPANISH = new Set([
  'el', 'la', 'los', 'las', 'de', 'del', 'que', 'y', 'en', 'por', 'para', 'con', 'tu', 'su', 'sus', 'tus', 'es',
  'una', 'un', 'al', 'lo', 'se', 'te', 'nos', 'hola', 'gracias', 'saldo', 'pago', 'pagar', 'cuota', 'cuotas',
  'puedes', 'podemos', 'quieres', 'hoy', 'mañana', 'fecha', 'deuda', 'cuenta', 'está', 'son', 'si', 'sí', 'muy',
  'vence', 'escribe', 'responde', 'aquí', 'enlace', 'ayuda', 'tienes', 'usted', 'le', 'como', 'cómo',
]);
const ENGLISH = new Set([
  'the', 'and', 'to', 'of', 'you', 'your', 'is', 'for', 'with', 'a', 'an', 'on', 'at', 'we', 'our', 'are', 'it',
  'this', 'that', 'hi', 'hello', 'thanks', 'thank', 'please', 'payment', 'pay', 'balance', 'due', 'can', 'will',
  'today', 'tomorrow', 'installment', 'installments', 'reply', 'here', 'link', 'help', 'if', 'be', 'have', 'by',
]);
