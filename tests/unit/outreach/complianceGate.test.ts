import { describe, expect, it } from 'vitest';
import { createComplianceGate } from '../../../src/core/outreach/createComplianceGate';
import { decideOutreach } from '../../../src/core/outreach/decideOutreach';
import { SHIPPED } from '../compliance/shippedRules';
import { bogota, colombianAccount, shippedCadences } from './support';

const cadences = shippedCadences();
const gate = createComplianceGate(SHIPPED);
const decide = (overrides: Parameters<typeof colombianAccount>[0], at: string) => decideOutreach(colombianAccount(overrides), cadences, bogota(at), gate);

describe('cadence steps through the compliance gate (flows/compliance)', () => {
  it('CO: a step due on a Sunday waits for Monday 8:00 (Ley 2300 art. 3: 7:00, tightened to 8:00 by Banco Andino)', () => {
    expect(decide({ dueDate: '2026-11-22' }, '2026-11-22T09:00')).toMatchObject({ action: 'defer', reason: 'COMPLIANCE.SUNDAY', nextAllowedAt: bogota('2026-11-23T08:00') });
    expect(decide({ dueDate: '2026-11-22' }, '2026-11-23T08:00')).toMatchObject({ action: 'send', step: { stepId: 'vence-hoy', date: '2026-11-22' } });
  });

  it('CO: nothing on a public holiday (Ley 2300 art. 3); 2026-11-16 is a festivo', () => {
    expect(decide({ dueDate: '2026-11-16' }, '2026-11-16T09:00')).toMatchObject({ action: 'defer', reason: 'COMPLIANCE.HOLIDAY', nextAllowedAt: bogota('2026-11-17T08:00') });
  });

  it('CO: one contact a day across channels, and one channel a week (Ley 2300 art. 3)', () => {
    const history = [{ at: bogota('2026-11-17T08:00'), channel: 'whatsapp' as const }];
    expect(decide({ history }, '2026-11-17T09:00')).toMatchObject({ action: 'defer', reason: 'COMPLIANCE.FREQUENCY_CAP', nextAllowedAt: bogota('2026-11-18T08:00') });
    const [wa, sms] = colombianAccount().contacts;
    if (!wa || !sms) throw new Error('fixture');
    const friday = [{ at: bogota('2026-11-13T09:00'), channel: 'whatsapp' as const }];
    // The next allowed moment (a week after Friday's WhatsApp) is after the step stops making sense: skipped, with the reason.
    expect(decide({ history: friday, contacts: [{ ...wa, optedOut: true }, sms] }, '2026-11-17T09:00')).toMatchObject({ action: 'skip', channel: 'sms', reason: 'COMPLIANCE.CHANNEL_LIMIT' });
  });

  it('skips a promise reminder the gate could only send after its date', () => {
    const promise = { dueDate: '2026-11-23', status: 'pending' as const };
    expect(decide({ promise }, '2026-11-22T09:00')).toMatchObject({ action: 'skip', reason: 'COMPLIANCE.SUNDAY', step: { stepId: 'promesa-manana' } });
  });
  it('ES: a regional holiday holds the step only in its region (11 September, Diada, closes ES-CT but not ES-MD)', () => {
    const spain = { country: 'ES', timezone: 'Europe/Madrid', locale: 'es-ES', creditor: 'Crédito Ibérico', currency: 'EUR', dueDate: '2026-09-11' };
    const friday = new Date('2026-09-11T10:00:00+02:00');
    const catalonia = decideOutreach(colombianAccount({ ...spain, region: 'ES-CT' }), cadences, friday, gate);
    expect(catalonia).toMatchObject({ action: 'defer', reason: 'COMPLIANCE.HOLIDAY' });
    expect(catalonia.nextAllowedAt?.getTime()).toBeGreaterThan(new Date('2026-09-12T00:00:00+02:00').getTime());
    expect(decideOutreach(colombianAccount({ ...spain, region: 'ES-MD' }), cadences, friday, gate)).toMatchObject({ action: 'send', step: { date: '2026-09-11' } });
    expect(decideOutreach(colombianAccount({ ...spain, region: null }), cadences, friday, gate)).toMatchObject({ action: 'send' });
  });
});
