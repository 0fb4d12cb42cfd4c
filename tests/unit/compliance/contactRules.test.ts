import { describe, expect, it } from 'vitest';
import { decideContact, withOptOutNotice } from '../../../src/core/compliance';
import { gateInput } from './gateInput';

// A Wednesday 10:00 in Bogotá: the hours allow a proactive message, so each test sees only its own rule.
const OPEN = '2026-12-09T15:00:00Z';
const before = (iso: string, minutes: number) => new Date(new Date(iso).getTime() - minutes * 60_000);

describe('decideContact: statuses of the person and the debtor', () => {
  it('an opted-out address is skipped for every purpose, except the opt-out confirmation itself', () => {
    for (const purpose of ['proactive', 'reply', 'agent'] as const) {
      expect(decideContact(gateInput(OPEN, { request: { purpose }, facts: { optedOut: true } }))).toMatchObject({ action: 'skip', reasons: ['COMPLIANCE.OPTED_OUT'] });
    }
    expect(decideContact(gateInput(OPEN, { request: { purpose: 'reply', allowAfterOptOut: true }, facts: { optedOut: true } })).action).toBe('send');
  });

  it('no consent in the creditor file skips; an address outside the file gets replies but nothing proactive', () => {
    expect(decideContact(gateInput(OPEN, { request: { purpose: 'reply' }, facts: { consent: false } })).reasons).toEqual(['COMPLIANCE.NO_CONSENT']);
    expect(decideContact(gateInput(OPEN, { request: { purpose: 'reply' }, facts: { consent: null } })).action).toBe('send');
    expect(decideContact(gateInput(OPEN, { facts: { consent: null } })).reasons).toEqual(['COMPLIANCE.NO_CONSENT']);
  });

  it('a wrong-party mark skips every message to the address, but not the confirmation written with it', () => {
    const marked = before(OPEN, 60);
    expect(decideContact(gateInput(OPEN, { facts: { wrongPartyAt: marked } })).reasons).toEqual(['COMPLIANCE.WRONG_PARTY']);
    expect(decideContact(gateInput(OPEN, { request: { purpose: 'reply' }, facts: { wrongPartyAt: marked } })).reasons).toEqual(['COMPLIANCE.WRONG_PARTY']);
    expect(decideContact(gateInput(OPEN, { request: { purpose: 'reply', allowAfterOptOut: true }, facts: { wrongPartyAt: marked } })).action).toBe('send');
  });

  it('a deceased debtor gets nothing proactive; whoever writes from the number is still answered', () => {
    expect(decideContact(gateInput(OPEN, { facts: { deceasedAt: before(OPEN, 600) } })).reasons).toEqual(['COMPLIANCE.DECEASED']);
    expect(decideContact(gateInput(OPEN, { request: { purpose: 'reply' }, facts: { deceasedAt: before(OPEN, 600) } })).action).toBe('send');
  });

  it('an open dispute pauses proactive messages but not replies', () => {
    expect(decideContact(gateInput(OPEN, { facts: { disputeOpen: true } })).reasons).toEqual(['COMPLIANCE.DISPUTE_PAUSE']);
    expect(decideContact(gateInput(OPEN, { request: { purpose: 'reply' }, facts: { disputeOpen: true } })).action).toBe('send');
  });

  it('a proactive message of the bot is skipped while a person has the conversation; an agent\'s own message goes', () => {
    expect(decideContact(gateInput(OPEN, { facts: { withPerson: true } })).reasons).toEqual(['COMPLIANCE.WITH_PERSON']);
    expect(decideContact(gateInput(OPEN, { request: { purpose: 'agent' }, facts: { withPerson: true, lastInboundAt: before(OPEN, 5) } })).action).toBe('send');
  });

  it('every blocking rule is listed, and a permanent one makes it a skip', () => {
    const d = decideContact(gateInput('2026-12-06T15:00:00Z', { facts: { disputeOpen: true } }));
    expect(d).toMatchObject({ action: 'skip', reasons: ['COMPLIANCE.DISPUTE_PAUSE', 'COMPLIANCE.SUNDAY'], nextAllowedAt: null });
  });

  it('no rules for the country: nothing proactive, replies still go', () => {
    expect(decideContact(gateInput(OPEN, { rules: null })).reasons).toEqual(['COMPLIANCE.NO_RULES']);
    expect(decideContact(gateInput(OPEN, { rules: null, request: { purpose: 'reply' } })).action).toBe('send');
  });
});

describe('decideContact: the debtor\'s preferred contact time', () => {
  it('a preferred window moves the message to it ("after 6 pm")', () => {
    const d = decideContact(gateInput(OPEN, { facts: { preferredContact: { window: { from: 18 * 60, to: 21 * 60 } } } }));
    expect(d.reasons).toEqual(['COMPLIANCE.PREFERRED_TIME']);
    // 18:00 Bogotá, inside both the preference and Ley 2300 hours.
    expect(d.nextAllowedAt?.toISOString()).toBe('2026-12-09T23:00:00.000Z');
  });
  it('"not before" an instant holds until then, and then the law\'s hours still apply', () => {
    const d = decideContact(gateInput(OPEN, { facts: { preferredContact: { notBefore: new Date('2026-12-10T03:00:00Z') } } }));
    expect(d.reasons).toEqual(['COMPLIANCE.PREFERRED_TIME']);
    expect(d.nextAllowedAt?.toISOString()).toBe('2026-12-10T12:00:00.000Z');
  });
  it('a reply ignores the preferred time (the debtor wrote now)', () => {
    expect(decideContact(gateInput(OPEN, { request: { purpose: 'reply' }, facts: { preferredContact: { window: { from: 18 * 60, to: 21 * 60 } } } })).action).toBe('send');
  });
});

describe('decideContact: WhatsApp 24-hour window', () => {
  const whatsapp = { channel: 'whatsapp' as const };
  it('inside the window the text goes as text', () => {
    expect(decideContact(gateInput(OPEN, { request: whatsapp, facts: { lastInboundAt: before(OPEN, 23 * 60) } }))).toMatchObject({ action: 'send', sendAs: 'text' });
  });
  it('outside the window an approved template goes instead', () => {
    expect(decideContact(gateInput(OPEN, { request: { ...whatsapp, hasTemplate: true }, facts: { lastInboundAt: before(OPEN, 24 * 60) } }))).toMatchObject({ action: 'send', sendAs: 'template' });
  });
  it('outside the window with no template the message is held, never sent as free text', () => {
    const d = decideContact(gateInput(OPEN, { request: whatsapp, facts: { lastInboundAt: null } }));
    expect(d).toMatchObject({ action: 'defer', reasons: ['COMPLIANCE.WHATSAPP_WINDOW_NO_TEMPLATE'], nextAllowedAt: null });
  });
  it('SMS has no such window', () => {
    expect(decideContact(gateInput(OPEN, { facts: { lastInboundAt: null } })).sendAs).toBe('text');
  });
});

describe('decideContact: agent messages and deadlines', () => {
  it('an agent answering a debtor who wrote today is a reply (no hours); an agent writing first is proactive', () => {
    const sunday = '2026-12-06T15:00:00Z';
    expect(decideContact(gateInput(sunday, { request: { purpose: 'agent' }, facts: { lastInboundAt: before(sunday, 30) } }))).toMatchObject({ action: 'send', ruleSet: 'reply' });
    expect(decideContact(gateInput(sunday, { request: { purpose: 'agent' }, facts: { lastInboundAt: before(sunday, 25 * 60) } }))).toMatchObject({ action: 'defer', ruleSet: 'proactive', reasons: ['COMPLIANCE.SUNDAY'] });
  });
  it('a message whose next allowed moment is past its deadline is skipped as expired', () => {
    const d = decideContact(gateInput('2026-12-06T15:00:00Z', { request: { notAfter: new Date('2026-12-06T23:00:00Z') } }));
    expect(d).toMatchObject({ action: 'skip', reasons: ['COMPLIANCE.SUNDAY', 'COMPLIANCE.EXPIRED'] });
  });
});

describe('decideContact: superseded proactive messages and the opt-out notice', () => {
  it('a proactive message written before the debtor\'s latest message is skipped as superseded', () => {
    const d = decideContact(gateInput(OPEN, { request: { createdAt: before(OPEN, 120) }, facts: { lastInboundAt: before(OPEN, 60) } }));
    expect(d).toMatchObject({ action: 'skip', reasons: ['COMPLIANCE.SUPERSEDED'] });
    expect(decideContact(gateInput(OPEN, { request: { purpose: 'reply', createdAt: before(OPEN, 120) }, facts: { lastInboundAt: before(OPEN, 60) } })).action).toBe('send');
  });
  it('the opt-out notice is appended once, in the debtor\'s language', () => {
    expect(withOptOutNotice('Your payment is due.', 'en-US')).toBe('Your payment is due.\n\nReply STOP to stop these messages.');
    expect(withOptOutNotice('Su pago vence hoy.', 'es-US')).toBe('Su pago vence hoy.\n\nResponde STOP para no recibir más mensajes.');
    expect(withOptOutNotice('Reply STOP to opt out. Your payment is due.', 'en-US')).toBe('Reply STOP to opt out. Your payment is due.');
  });
});
