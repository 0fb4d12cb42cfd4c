import type { IntlCache } from '../intl/createIntlCache';
import { formatMoney } from '../money/formatMoney';
import type { Money } from '../money/money';
import type { Offer } from '../negotiation/offer';

function formatLongDate(isoDate: string, locale: string, cache: IntlCache | undefined): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  // A calendar date has no time zone: format it as UTC so it never shifts a day (as the engine's `date` filter).
  const format = cache ? cache.longDateFormat(locale) : new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  return format.format(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1));
}

function longDate(isoDate: string, locale: string, cache: IntlCache | undefined): string {
  return cache ? cache.memo(`d|${locale}|${isoDate}`, () => formatLongDate(isoDate, locale, cache)) : formatLongDate(isoDate, locale, undefined);
}

/**
 * Every payment of an offer as text lines in the debtor's locale, one per payment: "• 30 de noviembre de 2026:
 * $ 312.500". Dates and amounts only, so no sentence needs translating here; templates add the words around it
 * (`{{slots.offerSummary.schedule}}`). A written confirmation of a plan lists every date and amount. Pass the
 * registry's `cache` on a per-message path so no Intl formatter is built per call. Pure.
 */
export function describeSchedule(offer: Offer, locale: string, cache?: IntlCache): string {
  const lines = (items: Array<{ date: string; amount: Money }>): string => {
    let text = '';
    for (const i of items) text += `${text ? '\n' : ''}• ${longDate(i.date, locale, cache)}: ${formatMoney(i.amount, locale, cache)}`;
    return text;
  };
  switch (offer.kind) {
    case 'plan':
      return lines(offer.plan.installments.map((i) => ({ date: i.dueDate, amount: i.amount })));
    case 'promise':
      return lines([{ date: offer.date, amount: offer.amount }]);
    case 'settlement':
    case 'full_payment':
      return lines([{ date: offer.payBy, amount: offer.amount }]);
  }
}
