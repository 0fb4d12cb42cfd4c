import { describe, expect, it } from 'vitest';
import { decideOutreach } from '../../../src/core/outreach/decideOutreach';
import type { OutreachGate } from '../../../src/core/outreach/outreachGate';
import { allowAllGate } from '../../../src/core/outreach/outreachGate';
import { bogota, colombianAccount, shippedCadences } from './support';

const cadences = shippedCadences();
const decide = (overrides: Parameters<typeof colombianAccount>[0], at: string, gate: OutreachGate = allowAllGate) => decideOutreach(colombianAccount(overrides), cadences, bogota(at), gate);

describe('what is due for an account now', () => {
  it('sends the first contact three days before the due date at the cadence time, on WhatsApp as the approved template', () => {
    const d = decide({}, '2026-11-17T09:30');
    expect(d).toMatchObject({ action: 'send', step: { cadenceId: 'default-es', stepId: 'antes-3', date: '2026-11-17' }, channel: 'whatsapp', reason: null });
    if (d.action !== 'send') throw new Error('expected a send');
    expect(d.message.contentSid).toMatch(/^HX/);
    expect(d.message.contentVariables).toEqual({ 1: 'María', 2: 'Banco Andino' });
    expect(d.message.body).toBe('Hola María, te escribe Banco Andino. Tenemos un asunto personal para ti. Responde a este mensaje y te atendemos por aquí. Si no eres María, responde NO SOY.');
    expect(d.message.body).not.toMatch(/\$|1\.050|tarjeta|deuda|saldo/i);
    expect(d.nextActionAt?.toISOString()).toBe(bogota('2026-11-20T09:00').toISOString());
  });

  it('is idle before the step time and says when to look again', () => {
    expect(decide({}, '2026-11-17T08:59')).toMatchObject({ action: 'idle', nextActionAt: bogota('2026-11-17T09:00') });
    expect(decide({}, '2026-11-10T12:00')).toMatchObject({ action: 'idle', nextActionAt: bogota('2026-11-15T00:00') });
  });

  it('sends free text inside the WhatsApp window and falls back to SMS for a template without an approved one', () => {
    const recent = bogota('2026-11-16T18:00');
    const inside = decide({ contacts: colombianAccount().contacts.map((c) => ({ ...c, lastInboundAt: recent })) }, '2026-11-17T09:30');
    expect(inside).toMatchObject({ action: 'send', channel: 'whatsapp', message: { contentSid: null } });
    const plan = decide({ installments: [{ dueDate: '2026-12-01', paid: false }] }, '2026-11-28T09:30');
    expect(plan).toMatchObject({ action: 'send', channel: 'sms', step: { stepId: 'cuota-3', date: '2026-11-28' } });
  });

  it('never sends the same step twice, and one step a day at most', () => {
    expect(decide({ sent: new Set(['antes-3|2026-11-17']) }, '2026-11-17T09:30')).toMatchObject({ action: 'idle' });
    const sentThisMorning = bogota('2026-11-17T09:05');
    expect(decide({ lastStepAt: sentThisMorning, promise: { dueDate: '2026-11-18', status: 'pending' } }, '2026-11-17T10:00')).toMatchObject({ action: 'idle' });
  });

  it('catches up on a step held on its own day while it is still valid, then lets it expire', () => {
    expect(decide({}, '2026-11-19T09:30')).toMatchObject({ action: 'send', step: { stepId: 'antes-3', date: '2026-11-17' } });
    expect(decide({}, '2026-11-23T09:30')).toMatchObject({ action: 'send', step: { stepId: 'mas-3', date: '2026-11-23' } });
    expect(decide({ sent: new Set(['vence-hoy|2026-11-20']) }, '2026-11-22T09:30')).toMatchObject({ action: 'idle' });
  });

  it('stops for a paid account, the deceased, an open dispute and a person in the conversation', () => {
    for (const [overrides, reason] of [
      [{ balanceMinor: 0 }, 'OUTREACH.PAID'],
      [{ status: 'paid' as const }, 'OUTREACH.PAID'],
      [{ deceased: true }, 'OUTREACH.DECEASED'],
      [{ disputeOpen: true }, 'OUTREACH.DISPUTE_OPEN'],
      [{ handoff: true }, 'OUTREACH.HANDOFF'],
    ] as const) {
      expect(decide(overrides, '2026-11-20T10:00')).toMatchObject({ action: 'skip', reason, step: { stepId: 'vence-hoy' }, nextActionAt: null });
    }
  });

  it('skips an opted-out, wrong-party or unconsented address and uses the next channel', () => {
    const [wa, sms] = colombianAccount().contacts;
    if (!wa || !sms) throw new Error('fixture');
    expect(decide({ contacts: [{ ...wa, optedOut: true }, sms] }, '2026-11-20T10:00')).toMatchObject({ action: 'send', channel: 'sms' });
    expect(decide({ contacts: [{ ...wa, optedOut: true }, { ...sms, optedOut: true }] }, '2026-11-20T10:00')).toMatchObject({ action: 'skip', reason: 'OUTREACH.OPTED_OUT' });
    expect(decide({ contacts: [{ ...wa, wrongParty: true }, { ...sms, consent: false }] }, '2026-11-20T10:00')).toMatchObject({ action: 'skip', reason: 'OUTREACH.WRONG_PARTY' });
    expect(decide({ contacts: [] }, '2026-11-20T10:00')).toMatchObject({ action: 'skip', reason: 'OUTREACH.NO_CONTACT' });
  });

  it('with a pending promise sends only its reminders: the day before and on the day', () => {
    const promise = { dueDate: '2026-11-25', status: 'pending' as const };
    expect(decide({ promise }, '2026-11-23T10:00')).toMatchObject({ action: 'skip', reason: 'OUTREACH.PROMISE_PENDING', step: { stepId: 'mas-3' }, nextActionAt: bogota('2026-11-24T09:00') });
    expect(decide({ promise }, '2026-11-24T09:00')).toMatchObject({ action: 'send', step: { stepId: 'promesa-manana', date: '2026-11-24' } });
    expect(decide({ promise }, '2026-11-25T09:00')).toMatchObject({ action: 'send', step: { stepId: 'promesa-hoy', date: '2026-11-25' } });
    expect(decide({ promise: { ...promise, status: 'broken' } }, '2026-11-27T09:00')).toMatchObject({ action: 'send', step: { stepId: 'promesa-incumplida' } });
  });

  it('with a plan in good standing sends only installment reminders, and follows a missed one up', () => {
    const installments = [{ dueDate: '2026-11-25', paid: false }];
    expect(decide({ installments }, '2026-11-23T10:00')).toMatchObject({ action: 'skip', reason: 'OUTREACH.PLAN_ACTIVE', step: { stepId: 'mas-3' } });
    expect(decide({ installments }, '2026-11-25T10:00')).toMatchObject({ action: 'send', step: { stepId: 'cuota-hoy' } });
    expect(decide({ installments }, '2026-11-26T10:00')).toMatchObject({ action: 'send', step: { stepId: 'cuota-vencida', date: '2026-11-26' } });
  });

  it('waits after the debtor wrote, and moves the step to the preferred contact time', () => {
    const wrote = bogota('2026-11-20T02:00');
    const contacts = colombianAccount().contacts.map((c) => ({ ...c, lastInboundAt: wrote }));
    expect(decide({ contacts }, '2026-11-20T09:00')).toMatchObject({ action: 'defer', reason: 'OUTREACH.RECENT_INBOUND', nextAllowedAt: bogota('2026-11-20T14:00') });
    const preferredContact = { window: { from: '18:00', to: '20:00' } };
    expect(decide({ preferredContact }, '2026-11-20T09:00')).toMatchObject({ action: 'defer', reason: 'OUTREACH.PREFERRED_TIME', nextAllowedAt: bogota('2026-11-20T18:00') });
    expect(decide({ preferredContact }, '2026-11-20T18:30')).toMatchObject({ action: 'send', step: { stepId: 'vence-hoy' } });
    expect(decide({ preferredContact: { notBefore: bogota('2026-11-21T11:00') } }, '2026-11-20T09:00')).toMatchObject({ action: 'defer', nextAllowedAt: bogota('2026-11-21T11:00') });
  });

  it('defers to the gate’s next allowed moment, or skips when the step would be stale by then', () => {
    const sunday: OutreachGate = () => ({ allowed: false, reasons: ['COMPLIANCE.CO.SUNDAY'], nextAllowedAt: bogota('2026-11-23T07:00') });
    expect(decide({ dueDate: '2026-11-22' }, '2026-11-22T09:30', sunday)).toMatchObject({ action: 'defer', reason: 'COMPLIANCE.CO.SUNDAY', channel: 'whatsapp', nextAllowedAt: bogota('2026-11-23T07:00') });
    const promise = { dueDate: '2026-11-23', status: 'pending' as const };
    expect(decide({ promise }, '2026-11-22T09:30', sunday)).toMatchObject({ action: 'skip', reason: 'COMPLIANCE.CO.SUNDAY', step: { stepId: 'promesa-manana' } });
    const never: OutreachGate = () => ({ allowed: false, reasons: ['COMPLIANCE.NO_CONSENT'], nextAllowedAt: null });
    expect(decide({}, '2026-11-20T10:00', never)).toMatchObject({ action: 'skip', reason: 'COMPLIANCE.NO_CONSENT' });
  });

  it('applies the cadence of the creditor and days-past-due band, highest priority first', () => {
    const lakeside = decideOutreach(colombianAccount({ creditor: 'Lakeside Credit Union', locale: 'en-US', timezone: 'America/New_York', firstName: 'Sam' }), cadences, new Date('2026-11-20T15:30:00Z'), allowAllGate);
    expect(lakeside).toMatchObject({ action: 'send', step: { cadenceId: 'lakeside-en', stepId: 'due-day' }, message: { body: expect.stringMatching(/^Hi Sam, this is Lakeside Credit Union\..*STOP/) } });
    expect(decide({ creditor: 'Otro Banco' }, '2026-11-20T10:00')).toMatchObject({ action: 'idle', nextActionAt: null });
    expect(decide({ dueDate: '2026-01-01' }, '2026-11-20T10:00')).toMatchObject({ action: 'idle', nextActionAt: null });
  });
});
