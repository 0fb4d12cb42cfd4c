const PLAIN_RE = /^\d+$/;
const NUMERAL_RE = /^\d[\d.,]*\d$|^\d$/;
const THOUSANDS_GROUPS_RE = /^\d{1,3}(?:\d{3})*$/;

/**
 * Parses a written numeral such as "50.000", "1.250.000,50", "1,250,000.50" or "12.50" into hundredths
 * (an integer), so callers never touch floating point. Pure.
 *
 * When both "." and "," appear, the last one is the decimal separator. When only one kind appears it is a
 * thousands separator if it repeats or is followed by exactly three digits ("50.000" is fifty thousand in
 * every locale we serve), and a decimal separator when followed by one or two digits ("12.50", "12,5").
 */
export function parseNumeral(text: string): number | undefined {
  if (PLAIN_RE.test(text)) return Number(text) * 100;
  if (!NUMERAL_RE.test(text)) return undefined;
  const lastDot = text.lastIndexOf('.');
  const lastComma = text.lastIndexOf(',');
  let decimalAt = -1;
  if (lastDot >= 0 && lastComma >= 0) {
    decimalAt = Math.max(lastDot, lastComma);
  } else {
    const at = Math.max(lastDot, lastComma);
    const sep = text.charAt(at);
    const repeats = text.indexOf(sep) !== at;
    const tail = text.length - at - 1;
    if (!repeats && tail <= 2) decimalAt = at;
    else if (tail !== 3) return undefined;
  }
  const integerPart = decimalAt >= 0 ? text.slice(0, decimalAt) : text;
  const decimals = decimalAt >= 0 ? text.slice(decimalAt + 1) : '';
  const groups = integerPart.split(/[.,]/);
  if (groups.length > 1 && !groups.every((g, i) => (i === 0 ? g.length >= 1 && g.length <= 3 : g.length === 3))) {
    return undefined;
  }
  const digits = groups.join('');
  if (!THOUSANDS_GROUPS_RE.test(digits) || !PLAIN_RE.test(decimals || '0') || decimals.length > 2) return undefined;
  return Number(digits) * 100 + Number(decimals.padEnd(2, '0'));
}
