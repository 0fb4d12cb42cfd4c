import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/core/portfolio/parseCsv';

function records(text: string) {
  const result = parseCsv(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.records;
}

describe('parseCsv (RFC 4180)', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, keeping the line each record starts on', () => {
    const text = 'a,b,c\r\n"Pérez, Ana","say ""hi""","two\r\nlines"\r\nx,,z\r\n';
    expect(records(text)).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['Pérez, Ana', 'say "hi"', 'two\r\nlines'] },
      { line: 4, fields: ['x', '', 'z'] },
    ]);
  });

  it('drops a UTF-8 BOM, accepts LF and CR endings, a missing final newline and skips blank lines', () => {
    expect(records('\uFEFFid,name\n1,Ana\r2,Luis\n\n3,Eva')).toEqual([
      { line: 1, fields: ['id', 'name'] },
      { line: 2, fields: ['1', 'Ana'] },
      { line: 3, fields: ['2', 'Luis'] },
      { line: 5, fields: ['3', 'Eva'] },
    ]);
  });

  it('keeps a trailing empty field', () => {
    expect(records('a,b,\n')).toEqual([{ line: 1, fields: ['a', 'b', ''] }]);
  });

  it('rejects an unclosed quote with the line it opened on', () => {
    const result = parseCsv('a,b\n1,"open\n2,3\n');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ line: 2, field: 1, message: expect.stringContaining('never closed') });
  });

  it('rejects a quote inside an unquoted value and text after a closing quote', () => {
    const inner = parseCsv('a,b\n1,ab"c\n');
    expect(inner.ok || inner.error).toMatchObject({ line: 2, field: 1, message: expect.stringContaining('double quote inside an unquoted value') });
    const after = parseCsv('a,b\n"x"y,2\n');
    expect(after.ok || after.error).toMatchObject({ line: 2, field: 0, message: expect.stringContaining('text after a closing double quote') });
  });
});
