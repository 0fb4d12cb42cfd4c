import type { AmountMatch } from './parseAmount';
import type { FormatterCache } from './createFormatterCache';
import { readCount } from './parseCount';
import { readDate } from './parseDate';
import { readFrequency } from './parseFrequency';
import { readIdentifier } from './parseIdentifier';
import type { PreparedText } from './prepareText';
import type { Entities, NluContext } from './types';

/**
 * The entities of a prepared message: identifier first (a document or birth date is not also money or a
 * date), then amount, date, count and frequency. `ctx.expected.entity` says what the state asked for.
 * Pure; `formatters` is the caller's date-formatter cache.
 */
export function readEntities(
  text: PreparedText,
  ctx: NluContext,
  amount: AmountMatch | undefined,
  formatters: FormatterCache | undefined,
): Entities {
  const entities: Entities = {};
  const asked = ctx.expected?.entity;
  const identifier = readIdentifier(text, {
    locale: ctx.locale,
    now: ctx.now,
    expected: asked === 'identifier',
    bareAnswers: asked === undefined || asked === 'identifier',
  });
  if (identifier !== undefined) entities.identifier = identifier;
  // A number given as a document or a birth date is not also money or a payment date.
  if (amount && identifier === undefined) entities.amount = amount.amount;
  const date = identifier === undefined ? readDate(text, ctx, formatters) : undefined;
  if (date !== undefined) entities.date = date;
  const count = readCount(text);
  if (count !== undefined) entities.count = count;
  const frequency = readFrequency(text);
  if (frequency !== undefined) entities.frequency = frequency;
  return entities;
}
