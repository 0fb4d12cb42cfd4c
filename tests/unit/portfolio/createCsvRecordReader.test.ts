import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCsvRecordReader } from '../../../src/core/portfolio/createCsvRecordReader';
import { parseCsv } from '../../../src/core/portfolio/parseCsv';

/** Feeds `text` cut at `cuts` (sorted offsets) and collects what comes out. */
function readInPieces(text: string, cuts: number[]) {
  const reader = createCsvRecordReader();
  const records = [];
  let from = 0;
  for (const cut of [...cuts, text.length]) {
    const read = reader.feed(text.slice(from, cut));
    records.push(...read.records);
    if (read.error) return { records, error: read.error };
    from = cut;
  }
  const last = reader.end();
  records.push(...last.records);
  return last.error ? { records, error: last.error } : { records };
}

describe('createCsvRecordReader', () => {
  const text = '\uFEFFa,b,c\r\n"Pérez, Ana","say ""hi""","two\r\nlines"\r\n\r\nx,,z\r"q\rr",y,\n"last"';

  it('gives the same records and lines wherever the text is cut, even inside quotes, a doubled quote or a CRLF', () => {
    const whole = parseCsv(text);
    expect(whole).toEqual({
      ok: true,
      records: [
        { line: 1, fields: ['a', 'b', 'c'] },
        { line: 2, fields: ['Pérez, Ana', 'say "hi"', 'two\r\nlines'] },
        { line: 5, fields: ['x', '', 'z'] },
        { line: 6, fields: ['q\rr', 'y', ''] },
        { line: 8, fields: ['last'] },
      ],
    });
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: text.length }), { maxLength: 12 }), (cuts) => {
        const pieces = readInPieces(text, [...cuts].sort((a, b) => a - b));
        expect(pieces).toEqual({ records: whole.ok ? whole.records : [] });
      }),
    );
  });

  it('reports an error at the same line and field however the text is cut', () => {
    const bad = 'a,b\n1,2\n"x\ny",ab"c\n';
    for (let cut = 0; cut <= bad.length; cut += 1) {
      expect(readInPieces(bad, [cut]).error).toMatchObject({ line: 4, field: 1, message: expect.stringContaining('double quote inside an unquoted value') });
    }
    expect(readInPieces('a\n"open\n1\n', [3]).error).toMatchObject({ line: 2, field: 0, message: expect.stringContaining('never closed') });
  });
});
