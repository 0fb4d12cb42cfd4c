/**
 * Wraps untrusted text in a delimited block for the user message, removing any copy of the delimiters from the
 * text itself so it cannot close the block early and pose as instructions. Pure.
 */
export function wrapAsData(tag: string, text: string): string {
  const closing = new RegExp(`<\\s*/?\\s*${tag}\\s*>`, 'gi');
  return `<${tag}>\n${text.replace(closing, ' ')}\n</${tag}>`;
}
