import type { NluContext } from '../../core/nlu/types';
import type { InterpretOptions } from '../../ports/interpreter';

/**
 * What an interpretation depends on, as a string: the text, the recognizer context except the clock (a few
 * milliseconds between interpreting and locking do not change a meaning) and the personal data to redact. An
 * interpretation made outside the transaction is reused inside it only when this key is unchanged. Pure.
 */
export function interpretationKey(text: string, ctx: NluContext, opts: InterpretOptions): string {
  const { now: _now, ...rest } = ctx;
  return JSON.stringify([text, rest, opts.knownNames ?? [], opts.knownAccounts ?? []]);
}
