import type { IntlCache } from '../intl/createIntlCache';
import type { Offer } from '../negotiation/offer';
import { describeSchedule } from './describeSchedule';

/**
 * Flat values templates can print (`{{slots.offerSummary.installmentAmount | money}}`): what to pay in total,
 * per installment, by when, and `schedule` (every date and amount as lines, in `locale`; see describeSchedule).
 * `payments` counts every payment of a plan, the down payment included. Absent fields do not apply to the offer
 * kind. Pass the registry's `cache` on a per-message path (see describeSchedule). Pure.
 */
export function summarizeOffer(offer: Offer, locale = 'es', cache?: IntlCache): Record<string, unknown> {
  const schedule = describeSchedule(offer, locale, cache);
  switch (offer.kind) {
    case 'full_payment':
      return { kind: offer.kind, amount: offer.amount, payBy: offer.payBy, schedule };
    case 'settlement':
      return { kind: offer.kind, amount: offer.amount, discount: offer.discount, discountBp: offer.discountBp, payBy: offer.payBy, schedule };
    case 'promise':
      return { kind: offer.kind, amount: offer.amount, date: offer.date, schedule };
    case 'plan': {
      const regular = offer.plan.installments.filter((i) => i.kind === 'installment');
      return {
        kind: offer.kind,
        amount: offer.plan.total,
        downPayment: offer.plan.downPayment,
        count: offer.plan.count,
        payments: offer.plan.installments.length,
        frequency: offer.plan.frequency,
        installmentAmount: regular[0]?.amount,
        lastInstallmentAmount: regular[regular.length - 1]?.amount,
        firstDueDate: offer.plan.firstDueDate,
        lastDueDate: offer.plan.lastDueDate,
        schedule,
      };
    }
  }
}
