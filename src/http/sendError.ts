import type { Response } from 'express';
import { httpStatusForCode } from './httpStatusForCode';

export interface HttpError {
  code: string;
  message: string;
  /** Field-level details (e.g. which field is missing); never personal data. */
  details?: unknown;
}

/** Writes `{ error: { code, message, details? } }` with the status httpStatusForCode picks. I/O: writes the response. */
export function sendError(res: Response, error: HttpError): void {
  const status = httpStatusForCode(error.code);
  const body = error.details === undefined ? { code: error.code, message: error.message } : error;
  res.status(status).json({ error: body });
}
