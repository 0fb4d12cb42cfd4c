import type { Request, RequestHandler } from 'express';
import { findInvalidText, hasInvalidCharacters } from '../core/text/invalidCharacters';
import { sendError } from './sendError';

/**
 * Middleware answering 400 HTTP.INVALID_TEXT, naming the field, when a path segment, a query parameter or a parsed
 * JSON body field holds a character no stored text may hold (a NUL byte, another control character, a lone
 * surrogate): such a value can only fail further in (PostgreSQL refuses NUL), so it is refused at the door. Mount it
 * app-wide (path and query) and after a JSON body parser (body). Pure CPU.
 */
export function rejectInvalidText(): RequestHandler {
  return (req, res, next) => {
    const field = invalidField(req);
    if (field === null) return next();
    const message = 'contains an invalid character (a NUL byte, another control character or broken Unicode): remove it';
    sendError(res, { code: 'HTTP.INVALID_TEXT', message: `${field} ${message}`, details: [{ field, message }] });
  };
}

function invalidField(req: Request): string | null {
  const segments = req.path.split('/');
  for (const [index, segment] of segments.entries()) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      decoded = '\u0000'; // a broken %-escape is no better
    }
    if (hasInvalidCharacters(decoded)) return `path segment ${index} (${segments.slice(0, index).join('/')}/…)`;
  }
  const query = findInvalidText(req.query);
  if (query !== null) return `query parameter ${query}`;
  const body: unknown = req.body;
  if (typeof body === 'object' && body !== null && !Buffer.isBuffer(body)) {
    const field = findInvalidText(body);
    if (field !== null) return field;
  }
  return null;
}
