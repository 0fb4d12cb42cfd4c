/**
 * Characters no stored text may hold: NUL (PostgreSQL text and jsonb refuse it, so a statement carrying one fails),
 * the other C0 controls except tab, line feed and carriage return, DEL, and lone UTF-16 surrogates (not Unicode).
 */
// Matching control characters is the point here.
// eslint-disable-next-line no-control-regex
const INVALID_RE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|\p{Cs}/u;
// eslint-disable-next-line no-control-regex
const INVALID_GLOBAL_RE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|\p{Cs}/gu;

/** Whether `text` holds a character no stored text may hold (see above). Pure. */
export function hasInvalidCharacters(text: string): boolean {
  return INVALID_RE.test(text);
}

/** `text` without the characters no stored text may hold (a lone surrogate becomes U+FFFD). Pure. */
export function stripInvalidCharacters(text: string): string {
  return text.replace(INVALID_GLOBAL_RE, (c) => (/\p{Cs}/u.test(c) ? '\uFFFD' : ''));
}

/**
 * The path (`text`, `items.2.name`) of the first string in a parsed JSON value, or key, that holds an invalid
 * character; null when there is none. Pure.
 */
export function findInvalidText(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return hasInvalidCharacters(value) ? path || '(body)' : null;
  if (typeof value !== 'object' || value === null) return null;
  for (const [key, item] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (hasInvalidCharacters(key)) return at;
    const found = findInvalidText(item, at);
    if (found !== null) return found;
  }
  return null;
}
