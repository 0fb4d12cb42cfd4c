/** One CSV record with the 1-based line it starts on (a quoted field may span lines). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

export type ParseCsvResult =
  | { ok: true; records: CsvRecord[] }
  | { ok: false; error: { code: 'CSV.MALFORMED'; line: number; field: number; message: string }; recordsBefore: CsvRecord[] };

const COMMA = 44;
const LF = 10;
const CR = 13;
const QUOTE = 34;

/**
 * Parses CSV text as RFC 4180: comma-separated fields, double-quoted fields may hold commas, line breaks and
 * doubled quotes (""); records end with CRLF, LF or CR; a leading UTF-8 BOM is dropped; blank lines are skipped.
 * Fails on an unclosed quote, a quote inside an unquoted field or text after a closing quote, naming the line and
 * the 0-based field index (with the records read before it, so the caller can name the column). Pure.
 */
export function parseCsv(text: string): ParseCsvResult {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  const state = { i: 0, line: 1 };
  while (state.i < src.length) {
    const startLine = state.line;
    const fields: string[] = [];
    for (;;) {
      const read = src.charCodeAt(state.i) === QUOTE ? readQuoted(src, state) : readUnquoted(src, state);
      if (typeof read !== 'string') return { ok: false, error: { code: 'CSV.MALFORMED', line: read.line, field: fields.length, message: read.message }, recordsBefore: records };
      fields.push(read);
      const next = src.charCodeAt(state.i);
      if (next === COMMA) {
        state.i += 1;
        continue;
      }
      if (next === CR) state.i += src.charCodeAt(state.i + 1) === LF ? 2 : 1;
      else if (next === LF) state.i += 1;
      if (!Number.isNaN(next)) state.line += 1;
      break;
    }
    if (fields.length > 1 || fields[0] !== '') records.push({ line: startLine, fields });
  }
  return { ok: true, records };
}

type ReadFailure = { line: number; message: string };

function readUnquoted(src: string, state: { i: number; line: number }): string | ReadFailure {
  let j = state.i;
  while (j < src.length) {
    const c = src.charCodeAt(j);
    if (c === COMMA || c === LF || c === CR) break;
    if (c === QUOTE) {
      return { line: state.line, message: 'a double quote inside an unquoted value: wrap the whole value in double quotes and write the quote twice ("")' };
    }
    j += 1;
  }
  const value = src.slice(state.i, j);
  state.i = j;
  return value;
}

function readQuoted(src: string, state: { i: number; line: number }): string | ReadFailure {
  const openedOn = state.line;
  let value = '';
  let from = state.i + 1;
  for (;;) {
    const close = src.indexOf('"', from);
    if (close === -1) return { line: openedOn, message: 'a quoted value is never closed: add the closing double quote' };
    const chunk = src.slice(from, close);
    state.line += countLineBreaks(chunk);
    if (src.charCodeAt(close + 1) === QUOTE) {
      value += `${chunk}"`;
      from = close + 2;
      continue;
    }
    value += chunk;
    state.i = close + 1;
    break;
  }
  const after = src.charCodeAt(state.i);
  if (!Number.isNaN(after) && after !== COMMA && after !== LF && after !== CR) {
    return { line: state.line, message: 'text after a closing double quote: put the whole value inside the quotes, or add the missing comma' };
  }
  return value;
}

function countLineBreaks(text: string): number {
  let count = 0;
  for (let k = 0; k < text.length; k += 1) {
    const c = text.charCodeAt(k);
    if (c === LF || (c === CR && text.charCodeAt(k + 1) !== LF)) count += 1;
  }
  return count;
}
