import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { sendError } from './sendError';

const bodyParserError = z.object({ type: z.string(), status: z.number().optional(), limit: z.number().optional() });

/**
 * Express error middleware, last in the chain: body-parser failures (too large, malformed, bad charset)
 * become their stable codes; anything else is a bug, logged with its request id and answered 500
 * without details. I/O: logs and writes the response.
 */
export function handleHttpErrors(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const parsed = bodyParserError.safeParse(error);
    if (parsed.success) {
      const { type, limit } = parsed.data;
      if (type === 'entity.too.large' || type === 'parameters.too.many') {
        const max = limit === undefined ? '' : ` (limit ${limit} bytes)`;
        sendError(res, { code: 'HTTP.PAYLOAD_TOO_LARGE', message: `Request body is too large${max}` });
        return;
      }
      if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
        sendError(res, { code: 'HTTP.UNSUPPORTED_MEDIA_TYPE', message: 'Unsupported body encoding or charset' });
        return;
      }
      if (type === 'entity.parse.failed' || type === 'request.aborted' || type === 'entity.verify.failed') {
        sendError(res, { code: 'HTTP.MALFORMED_BODY', message: 'Request body could not be parsed' });
        return;
      }
    }
    logger.error({ err: error, method: req.method, path: req.path, code: 'HTTP.INTERNAL' }, 'unhandled error in HTTP handler');
    sendError(res, { code: 'HTTP.INTERNAL', message: 'Internal error' });
  };
}
