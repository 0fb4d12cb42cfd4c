import type { Offer } from '../negotiation/offer';

/**
 * Flat values templates can print (`{{slots.offerSummary.installmentAmount | money}}`): what to pay in total,
 * per installment, by when. Absent fields do not apply to the offer kind. Pure.
 */
export function summarizeOffer(offer: Offer): Record<string, unknown> {
  switch (offer.kind) {
    case 'full_payment':
      return { kind: offer.kind, amount: offer.amount, payBy: offer.payBy };
    case 'settlement':
      return { kind: offer.kind, amount: offer.amount, discount: offer.discount, discountBp: offer.discountBp, payBy: offer.payBy };
    case 'promise':
      return { kind: offer.kind, amount: offer.amount, date: offer.date };
    case 'plan': {
      const regular = offer.plan.installments.filter((i) => i.kind === 'installment');
      return {
        kind: offer.kind,
        amount: offer.plan.total,
        downPayment: offer.plan.downPayment,
        count: offer.plan.count,
        frequency: offer.plan.frequency,
        installmentAmount: regular[0]?.amount,
        lastInstallmentAmount: regular[regular.length - 1]?.amount,
        firstDueDate: offer.plan.firstDueDate,
        lastDueDate: offer.plan.lastDueDate,
      };
    }
  }
}
