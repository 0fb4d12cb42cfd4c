import { pino } from 'pino';
import type { Logger as PinoLogger } from 'pino';
import pretty from 'pino-pretty';
import type { Config } from '../config';

export type Logger = PinoLogger;

/** Where the logger writes: a terminal gets readable lines (LOG_FORMAT=auto), anything else JSON. */
export interface LoggerOutput {
  /** True when stdout is a terminal (main.ts passes process.stdout.isTTY). */
  isTty: boolean;
  /** Where lines go (default stdout); tests pass their own stream. */
  destination?: NodeJS.WritableStream;
}

/**
 * Builds the service logger (pino to stdout): JSON lines, or readable coloured lines through pino-pretty when
 * LOG_FORMAT is pretty, or auto and stdout is a terminal. Logs carry ids and codes; bodies, names, phone numbers
 * and documents are redacted in case a caller passes them by mistake, in both formats. No I/O until something is
 * logged.
 */
export function createLogger(
  config: Pick<Config, 'LOG_LEVEL'> & Partial<Pick<Config, 'NODE_ENV' | 'LOG_FORMAT'>>,
  output: LoggerOutput = { isTty: false },
): Logger {
  const options = {
    level: config.LOG_LEVEL,
    base: { service: 'pacto' },
    redact: {
      paths: ['body', 'text', 'from', 'to', 'address', 'phone', 'firstName', 'lastName', 'document', '*.body', '*.text', '*.from', '*.to', '*.address', '*.phone'],
      censor: '[redacted]',
    },
  };
  const format = config.LOG_FORMAT ?? 'auto';
  const readable = format === 'pretty' || (format === 'auto' && output.isTty);
  const destination = output.destination ?? process.stdout;
  if (!readable) return output.destination ? pino(options, output.destination) : pino(options);
  return pino(options, pretty({ colorize: output.isTty, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service', singleLine: true, sync: true, destination }));
}
