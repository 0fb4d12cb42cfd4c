/** How many Spanish and English marks a text carries: frequent words of each, plus Spanish-only letters. Pure. */
export function countLanguageWords(text: string): { es: number; en: number } {
  const words = text.toLowerCase().match(/[\p{L}']+/gu) ?? [];
  let es = (text.match(/[ñáéíóú¿¡]/gi) ?? []).length;
  let en = 0;
  for (const word of words) {
    if (SPANISH.has(word)) es += 1;
    if (ENGLISH.has(word)) en += 1;
  }
  return { es, en };
}

/**
 * A cheap Spanish/English detector: counts frequent function words and Spanish-only letters.
 * Returns 'unknown' when the text is too short or too mixed to say. Pure.
 */
export function detectLanguage(text: string): 'es' | 'en' | 'unknown' {
  const { es, en } = countLanguageWords(text);
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
  // What debtors write: pronouns, questions, paying, money, time and courtesy words.
  'yo', 'mi', 'mis', 'les', 'ustedes', 'cuanto', 'cuánto', 'debo', 'quiero', 'puedo', 'tengo', 'estoy', 'ya',
  'pague', 'pagué', 'pago', 'buenas', 'buenos', 'dias', 'días', 'tardes', 'noches', 'porque', 'qué', 'cuando',
  'cuándo', 'donde', 'dónde', 'mes', 'semana', 'viernes', 'lunes', 'plata', 'dinero', 'mas', 'más', 'ahora',
  'ahorita', 'nada', 'favor', 'necesito', 'hablar', 'número', 'numero', 'equivocado', 'puede', 'este', 'esta',
  'eso', 'esa', 'ese', 'pero', 'también', 'bueno', 'todavía', 'todavia', 'hay', 'tiene', 'mil', 'pesos',
  'soles', 'lucas', 'escriban', 'manden', 'mande', 'dale', 'vale', 'listo', 'claro', 'señorita',
]);
const ENGLISH = new Set([
  'the', 'and', 'to', 'of', 'you', 'your', 'is', 'for', 'with', 'a', 'an', 'on', 'at', 'we', 'our', 'are', 'it',
  'this', 'that', 'hi', 'hello', 'thanks', 'thank', 'please', 'payment', 'pay', 'balance', 'due', 'can', 'will',
  'today', 'tomorrow', 'installment', 'installments', 'reply', 'here', 'link', 'help', 'if', 'be', 'have', 'by',
  // What debtors write: pronouns, questions, paying, money, time and courtesy words.
  'i', 'my', 'im', "i'm", 'ill', "i'll", 'how', 'much', 'do', 'does', 'did', 'owe', 'what', "what's", 'whats',
  'want', 'dont', "don't", 'cant', "can't", 'already', 'paid', 'just', 'not', 'yes', 'yeah', 'send', 'money',
  'number', 'wrong', 'talk', 'who', 'why', 'when', 'next', 'week', 'month', 'friday', 'monday', 'get', 'got',
  'need', 'know', 'call', 'later', 'afford', 'right', 'now', 'am', 'was', 'would', 'could', 'there', 'all',
  'they', 'from', 'about', 'more', 'dollars', 'bucks', 'owed', 'account', 'anything', 'nothing', 'person',
]);
