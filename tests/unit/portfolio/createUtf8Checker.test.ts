import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createUtf8Checker } from '../../../src/core/portfolio/createUtf8Checker';

function check(bytes: Uint8Array, cuts: number[] = []) {
  const checker = createUtf8Checker();
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    const bad = checker.feed(bytes.subarray(from, cut));
    if (bad) return bad;
    from = cut;
  }
  return checker.end();
}

describe('createUtf8Checker', () => {
  it('accepts any valid UTF-8, however the bytes are cut', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.array(fc.nat(), { maxLength: 6 }), (text, raw) => {
        const bytes = Buffer.from(text, 'utf8');
        const cuts = [...new Set(raw.map((n) => n % (bytes.length + 1)))].sort((a, b) => a - b);
        expect(check(bytes, cuts)).toBeUndefined();
      }),
    );
  });

  it('finds a Latin-1 byte with its line, CSV field and character, wherever the bytes are cut', () => {
    const bytes = Buffer.concat([Buffer.from('id,name\r\n1,"Pérez, Ana"\n2,"two\nlines",Jos', 'utf8'), Buffer.from([0xe9]), Buffer.from(',x\n', 'utf8')]);
    for (let cut = 0; cut <= bytes.length; cut += 1) {
      expect(check(bytes, [cut])).toMatchObject({ line: 4, field: 2, character: 11, byte: 0xe9 });
    }
  });

  it('refuses overlong forms, surrogates, stray continuation bytes and a sequence cut off by the end', () => {
    expect(check(Uint8Array.from([0x61, 0xc0, 0xaf]))).toMatchObject({ character: 2, byte: 0xc0 });
    expect(check(Uint8Array.from([0xed, 0xa0, 0x80]))).toMatchObject({ character: 1, byte: 0xed });
    expect(check(Uint8Array.from([0x61, 0x80]))).toMatchObject({ character: 2, byte: 0x80 });
    expect(check(Uint8Array.from([0x61, 0xe2, 0x82]))).toMatchObject({ line: 1, character: 2, byte: 0xe2 });
    expect(check(Uint8Array.from([0xf4, 0x90, 0x80, 0x80]))).toMatchObject({ byte: 0xf4 });
  });
});
