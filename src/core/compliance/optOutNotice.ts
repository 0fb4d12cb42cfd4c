/** The opt-out notice per language, for rules that require one in every electronic message (US Reg F 1006.6(e)). */
const NOTICES: Readonly<Record<string, string>> = {
  en: 'Reply STOP to stop these messages.',
  es: 'Responde STOP para no recibir más mensajes.',
};

/** Words that already tell the reader how to opt out; a text with one of them gets no second notice. */
const ALREADY = /\b(STOP|BAJA|ALTO)\b/;

/**
 * The text with a simple opt-out notice appended in the debtor's language, unless it already names the opt-out word.
 * Pure.
 */
export function withOptOutNotice(body: string, locale: string): string {
  if (ALREADY.test(body)) return body;
  const notice = NOTICES[locale.slice(0, 2).toLowerCase()] ?? NOTICES.en ?? '';
  return `${body}\n\n${notice}`;
}
