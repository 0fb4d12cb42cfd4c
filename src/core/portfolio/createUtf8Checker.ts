/** Where the first byte that is not valid UTF-8 is: line, CSV field (0-based), character on the line, its value. */
export interface InvalidUtf8 {
  line: number;
  field: number;
  /** 1-based position on the line, counting characters (everything before it is valid UTF-8). */
  character: number;
  byte: number;
  /** Where the bad sequence starts in the piece that revealed it (0 when it began in an earlier piece). */
  offset: number;
}

export interface Utf8Checker {
  /** Checks the next bytes; returns where the first invalid sequence starts, or undefined. */
  feed(bytes: Uint8Array): InvalidUtf8 | undefined;
  /** Ends the input: a multi-byte sequence cut off by the end of the file is invalid too. */
  end(): InvalidUtf8 | undefined;
}

const LF = 10;
const CR = 13;
const COMMA = 44;
const QUOTE = 34;

/**
 * A streaming UTF-8 validator (the well-formed sequences of Unicode table 3-7: no overlong forms, surrogates or
 * code points above U+10FFFF) that also follows the CSV structure (lines as CRLF/LF/CR, fields outside double
 * quotes), so a bad byte is reported as line, field and character, the way a person finds it in an editor. Bytes
 * may be fed in pieces split anywhere. Pure.
 */
export function createUtf8Checker(): Utf8Checker {
  let line = 1;
  let field = 0;
  let character = 0;
  let inQuotes = false;
  let afterCr = false;
  let need = 0;
  let low = 0x80;
  let high = 0xbf;
  let start: InvalidUtf8 | undefined;
  let found: InvalidUtf8 | undefined;

  let at = 0;
  let piece = 0;
  let startPiece = 0;
  const here = (byte: number): InvalidUtf8 => ({ line, field, character: character + 1, byte, offset: at });

  function ascii(b: number): void {
    if (afterCr && b === LF) {
      afterCr = false;
      return;
    }
    afterCr = false;
    if (b === LF || b === CR) {
      line += 1;
      character = 0;
      if (!inQuotes) field = 0;
      afterCr = b === CR;
      return;
    }
    character += 1;
    if (b === QUOTE) inQuotes = !inQuotes;
    else if (b === COMMA && !inQuotes) field += 1;
  }

  function lead(b: number): boolean {
    afterCr = false;
    start = here(b);
    startPiece = piece;
    if (b >= 0xc2 && b <= 0xdf) [need, low, high] = [1, 0x80, 0xbf];
    else if (b === 0xe0) [need, low, high] = [2, 0xa0, 0xbf];
    else if (b === 0xed) [need, low, high] = [2, 0x80, 0x9f];
    else if (b >= 0xe1 && b <= 0xef) [need, low, high] = [2, 0x80, 0xbf];
    else if (b === 0xf0) [need, low, high] = [3, 0x90, 0xbf];
    else if (b === 0xf4) [need, low, high] = [3, 0x80, 0x8f];
    else if (b >= 0xf1 && b <= 0xf3) [need, low, high] = [3, 0x80, 0xbf];
    else return false;
    return true;
  }

  function feed(bytes: Uint8Array): InvalidUtf8 | undefined {
    if (found) return found;
    piece += 1;
    for (let i = 0; i < bytes.length; i += 1) {
      const b = bytes[i] ?? 0;
      at = i;
      if (need > 0) {
        if (b < low || b > high) return (found = start && { ...start, offset: startPiece === piece ? start.offset : 0 });
        need -= 1;
        [low, high] = [0x80, 0xbf];
        if (need === 0) character += 1;
      } else if (b < 0x80) ascii(b);
      else if (!lead(b)) return (found = here(b));
    }
    return undefined;
  }

  return { feed, end: () => found ?? (need > 0 && start ? (found = { ...start, offset: 0 }) : undefined) };
}
