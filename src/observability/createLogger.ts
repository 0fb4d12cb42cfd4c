import { pino } from 'pino';
import type { Logger as PinoLogger } from 'pino';
import type { Config } from '../config';

export type Logger = PinoLogger;

/**
 * Builds the service logger (pino, JSON to stdout). Logs carry ids and codes; bodies, names, phone numbers and
 * documents are redacted in case a caller passes them by mistake. No I/O until something is logged.
 */
export function createLogger(config: Pick<Config, 'LOG_LEVEL'> & Partial<Pick<Config, 'NODE_ENV'>>): Logger {
  return pino({
    level: config.LOG_LEVEL,
    base: { service: 'pacto' },
    redact: {
      paths: ['body', 'text', 'from', 'to', 'address', 'phone', 'firstName', 'lastName', 'document', '*.body', '*.text', '*.from', '*.to', '*.address', '*.phone'],
      censor: '[redacted]',
    },
  });
}
