import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request } from 'express';
import { PORTFOLIO_ENCODING_LABELS, portfolioEncodingOf, type PortfolioEncoding } from '../../core/portfolio/portfolioEncoding';
import type { HttpError } from '../sendError';

export type CsvUpload = { ok: true; file: string; bytes: number; encoding: PortfolioEncoding } | { ok: false; error: HttpError };

const CSV_TYPES = ['text/csv', 'application/csv', 'text/plain'];

class TooLarge extends Error {}

/**
 * Receives a CSV request body into a temporary file as it streams in (memory stays bounded whatever its size): checks
 * the media type (text/csv, application/csv or text/plain) and its charset (none or UTF-8, or ISO-8859-1/latin1/
 * windows-1252, which is then decoded), and stops at `limitBytes` (413). The caller owns (and deletes) the file.
 * Does I/O (reads the request, writes the file).
 */
export async function receiveCsvUpload(req: Request, opts: { limitBytes: number; dir?: string }): Promise<CsvUpload> {
  const type = req.headers['content-type'] ?? '';
  if (!req.is(CSV_TYPES)) return { ok: false, error: { code: 'HTTP.UNSUPPORTED_MEDIA_TYPE', message: 'Send the portfolio as Content-Type: text/csv' } };
  const label = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(type)?.[1];
  const encoding = label === undefined ? 'utf-8' : portfolioEncodingOf(label);
  if (!encoding) {
    return { ok: false, error: { code: 'HTTP.UNSUPPORTED_MEDIA_TYPE', message: `charset ${label} is not read: send the file as ${PORTFOLIO_ENCODING_LABELS} and say which in Content-Type` } };
  }
  const tooLarge: HttpError = { code: 'HTTP.PAYLOAD_TOO_LARGE', message: `the file is larger than ${opts.limitBytes} bytes: split it into several imports` };
  if (Number(req.headers['content-length'] ?? 0) > opts.limitBytes) return { ok: false, error: tooLarge };
  const file = join(opts.dir ?? tmpdir(), `pacto-import-${randomUUID()}.csv`);
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.byteLength;
      if (bytes > opts.limitBytes) done(new TooLarge());
      else done(null, chunk);
    },
  });
  try {
    await pipeline(req, counter, createWriteStream(file, { mode: 0o600 }));
  } catch (err) {
    await rm(file, { force: true });
    if (err instanceof TooLarge) return { ok: false, error: tooLarge };
    return { ok: false, error: { code: 'HTTP.MALFORMED_BODY', message: 'the upload was interrupted before the end of the file: send it again' } };
  }
  return { ok: true, file, bytes, encoding };
}
