import { formatMoney } from '../money/formatMoney';
import type { Money } from '../money/money';
import type { Offer } from '../negotiation/offer';

function longDate(isoDate: string, locale: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  // A calendar date has no time zone: format it as UTC so it never shifts a day (as the engine's `date` filter).
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1));
}

/**
 * Every payment of an offer as text lines in the debtor's locale, one per payment: "• 30 de noviembre de 2026:
 * $ 312.500". Dates and amounts only, so no sentence needs translating here; templates add the words around it
 * (`{{slots.offerSummary.schedule}}`). A written confirmation of a plan lists every date and amount. Pure.
 */
export function describeSchedule(offer: Offer, locale: string): string {
  const lines = (items: Array<{ date: string; amount: Money }>): string =>
    items.map((i) => `• ${longDate(i.date, locale)}: ${formatMoney(i.amount, locale)}`).join('\n');
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
