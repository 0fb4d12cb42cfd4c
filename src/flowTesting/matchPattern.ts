const REGEX_LITERAL = /^\/(.+)\/([dgimsuy]*)$/s;

/**
 * True when `text` matches a test pattern: `/re/flags` is a regular expression, anything else a
 * case-sensitive substring. Pure.
 */
export function matchPattern(text: string, pattern: string): boolean {
  const literal = REGEX_LITERAL.exec(pattern);
  if (literal?.[1] !== undefined) return new RegExp(literal[1], literal[2]).test(text);
  return text.includes(pattern);
}
