import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/observability/createLogger';

function capture(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

describe('createLogger', () => {
  it('writes one JSON object per line when stdout is not a terminal (LOG_FORMAT=auto)', () => {
    const out = capture();
    createLogger({ LOG_LEVEL: 'info', LOG_FORMAT: 'auto' }, { isTty: false, destination: out.stream }).info({ code: 'TEST.EVENT', phone: '+573001234501' }, 'hello');
    const line = JSON.parse(out.text().trim());
    expect(line).toMatchObject({ code: 'TEST.EVENT', msg: 'hello', phone: '[redacted]', service: 'pacto' });
  });

  it('writes readable lines, not JSON, to a terminal, and still redacts', () => {
    const out = capture();
    createLogger({ LOG_LEVEL: 'info', LOG_FORMAT: 'auto' }, { isTty: true, destination: out.stream }).info({ code: 'TEST.EVENT', phone: '+573001234501' }, 'hello');
    const text = out.text();
    expect(() => JSON.parse(text.trim())).toThrow();
    expect(text).toMatch(/INFO/);
    expect(text).toMatch(/hello/);
    expect(text).toContain('TEST.EVENT');
    expect(text).not.toContain('+573001234501');
  });

  it('follows LOG_FORMAT over the terminal check', () => {
    const json = capture();
    createLogger({ LOG_LEVEL: 'info', LOG_FORMAT: 'json' }, { isTty: true, destination: json.stream }).info('as json');
    expect(JSON.parse(json.text().trim()).msg).toBe('as json');
    const pretty = capture();
    createLogger({ LOG_LEVEL: 'info', LOG_FORMAT: 'pretty' }, { isTty: false, destination: pretty.stream }).info('as lines');
    expect(pretty.text()).toMatch(/INFO.*as lines/);
  });
});
