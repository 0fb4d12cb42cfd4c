import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Cadence } from '../../../src/core/outreach/cadenceSchema';
import type { OutreachAccount } from '../../../src/core/outreach/outreachAccount';
import { parseCadence } from '../../../src/core/outreach/parseCadence';

/** The shipped example cadences (flows/cadences), parsed. */
export function shippedCadences(): Cadence[] {
  return ['default-es.yaml', 'lakeside-en.yaml'].map((name) => {
    const file = join(import.meta.dirname, '../../../flows/cadences', name);
    const result = parseCadence(readFileSync(file, 'utf8'), file);
    if (!result.ok) throw new Error(result.error.message);
    return result.cadence;
  });
}

/** A Banco Andino debtor in Bogotá with WhatsApp and SMS, due 2026-11-20; override what a test is about. */
export function colombianAccount(overrides: Partial<OutreachAccount> = {}): OutreachAccount {
  return {
    accountId: 'acc-1', accountExternalId: 'ACC-1', externalId: 'co-1', debtorId: 'deb-1', firstName: 'María', locale: 'es-CO', timezone: 'America/Bogota', country: 'CO', region: null,
    creditor: 'Banco Andino', product: 'Tarjeta de crédito', segment: null, currency: 'COP', balanceMinor: 105000000, dueDate: '2026-11-20',
    status: 'active', deceased: false, disputeOpen: false, handoff: false, preferredContact: null, promise: null, installments: [],
    contacts: [
      { channel: 'whatsapp', address: '+573001234501', consent: true, optedOut: false, wrongParty: false, lastInboundAt: null },
      { channel: 'sms', address: '+573001234501', consent: true, optedOut: false, wrongParty: false, lastInboundAt: null },
    ],
    history: [], lastStepAt: null, sent: new Set(),
    ...overrides,
  };
}

/** An instant written as Bogotá wall-clock time (UTC−5 all year). */
export function bogota(localDateTime: string): Date {
  return new Date(`${localDateTime}:00-05:00`);
}
