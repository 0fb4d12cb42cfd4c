/** One CSV record with the 1-based line it starts on (a quoted field may span lines). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** A syntax error: the line, the 0-based field index and what to do. */
export interface CsvSyntaxError {
  code: 'CSV.MALFORMED';
  line: number;
  field: number;
  message: string;
}

export interface CsvRecordReader {
  /** Reads the next piece of text; returns the records it completed, or the first syntax error. */
  feed(text: string): { records: CsvRecord[]; error?: CsvSyntaxError };
  /** Ends the input: returns the last record, or an error for a quote never closed. */
  end(): { records: CsvRecord[]; error?: CsvSyntaxError };
}

const COMMA = 44;
const LF = 10;
const CR = 13;
const QUOTE = 34;

type State = 'start' | 'unquoted' | 'quoted' | 'quote' | 'failed';

/**
 * An incremental RFC 4180 reader: text may be fed in pieces of any size (split anywhere, even inside a quoted field
 * or a CRLF) and records come out as they complete, so a file of any size is read with memory bounded by its
 * longest record. Comma-separated fields; double-quoted fields may hold commas, line breaks and doubled quotes
 * (""); records end with CRLF, LF or CR; a leading BOM is dropped; blank lines are skipped. Fails on an unclosed
 * quote, a quote inside an unquoted field or text after a closing quote, naming the line and the field. Pure.
 */
export function createCsvRecordReader(): CsvRecordReader {
  let state: State = 'start';
  let line = 1;
  let recordLine = 1;
  let quoteLine = 1;
  let fields: string[] = [];
  let field = '';
  let atStart = true;
  let swallowLf = false;
  let crInQuotes = false;
  let error: CsvSyntaxError | undefined;

  const fail = (at: number, message: string): void => {
    error = { code: 'CSV.MALFORMED', line: at, field: fields.length, message };
    state = 'failed';
  };
  const endField = (): void => {
    fields.push(field);
    field = '';
  };
  const endRecord = (out: CsvRecord[]): void => {
    if (fields.length > 1 || fields[0] !== '') out.push({ line: recordLine, fields });
    fields = [];
  };

  function feed(text: string): { records: CsvRecord[]; error?: CsvSyntaxError } {
    const out: CsvRecord[] = [];
    if (state === 'failed') return { records: out, error };
    let i = 0;
    if (atStart && text.length > 0) {
      atStart = false;
      if (text.charCodeAt(0) === 0xfeff) i = 1;
    }
    if (swallowLf && i < text.length) {
      swallowLf = false;
      if (text.charCodeAt(i) === LF) i += 1;
    }
    if (crInQuotes && i < text.length) {
      crInQuotes = false;
      if (text.charCodeAt(i) !== LF) line += 1;
    }
    let from = i;
    // A record terminator at i (CR, LF or CRLF): ends the record and moves past it.
    const newline = (): void => {
      endRecord(out);
      const c = text.charCodeAt(i);
      i += 1;
      if (c === CR) {
        if (i === text.length) swallowLf = true;
        else if (text.charCodeAt(i) === LF) i += 1;
      }
      line += 1;
      recordLine = line;
      state = 'start';
    };
    while (i < text.length && error === undefined) {
      const c = text.charCodeAt(i);
      if (state === 'start') {
        if (c === QUOTE) {
          state = 'quoted';
          quoteLine = line;
          i += 1;
          from = i;
        } else if (c === COMMA) {
          endField();
          i += 1;
        } else if (c === LF || c === CR) {
          endField();
          newline();
        } else {
          state = 'unquoted';
          from = i;
        }
      } else if (state === 'unquoted') {
        if (c === COMMA || c === LF || c === CR) {
          field += text.slice(from, i);
          endField();
          if (c === COMMA) {
            i += 1;
            state = 'start';
          } else newline();
        } else if (c === QUOTE) {
          fail(line, 'a double quote inside an unquoted value: wrap the whole value in double quotes and write the quote twice ("")');
        } else i += 1;
      } else if (state === 'quoted') {
        if (c === QUOTE) {
          field += text.slice(from, i);
          state = 'quote';
        } else if (c === LF) line += 1;
        else if (c === CR) {
          if (i + 1 === text.length) crInQuotes = true;
          else if (text.charCodeAt(i + 1) !== LF) line += 1;
        }
        i += 1;
      } else if (c === QUOTE) {
        // state 'quote': a doubled quote is a literal quote.
        field += '"';
        i += 1;
        from = i;
        state = 'quoted';
      } else if (c === COMMA) {
        endField();
        i += 1;
        state = 'start';
      } else if (c === LF || c === CR) {
        endField();
        newline();
      } else {
        fail(line, 'text after a closing double quote: put the whole value inside the quotes, or add the missing comma');
      }
    }
    if (state === 'unquoted' || state === 'quoted') field += text.slice(from);
    return error ? { records: out, error } : { records: out };
  }

  function end(): { records: CsvRecord[]; error?: CsvSyntaxError } {
    const out: CsvRecord[] = [];
    if (state === 'failed') return { records: out, error };
    if (state === 'quoted') {
      fail(quoteLine, 'a quoted value is never closed: add the closing double quote');
      return { records: out, error };
    }
    if (state !== 'start' || fields.length > 0) {
      endField();
      endRecord(out);
    }
    state = 'start';
    return { records: out };
  }

  return { feed, end };
}
