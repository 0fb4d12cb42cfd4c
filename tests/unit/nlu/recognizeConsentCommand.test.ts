import { describe, expect, it } from 'vitest';
import { recognizeConsentCommand } from '../../../src/core/nlu/recognizeConsentCommand';

const ctx = (locale: string) => ({ locale, timeZone: 'America/Bogota', now: new Date('2026-12-01T12:00:00Z') });

describe('recognizeConsentCommand', () => {
  it.each(['STOP', 'stop.', 'Baja', 'no me escriban más', 'unsubscribe', 'no quiero volver a recibir mensajes', 'dejen de escribirme'])('reads %s as an opt-out', (text) => {
    expect(recognizeConsentCommand(text, ctx('es-CO'))).toBe('opt_out');
    expect(recognizeConsentCommand(text, ctx('en-US'))).toBe('opt_out');
  });

  it.each(['START', 'Alta', 'ALTA!', 'SUSCRIBIR', 'quiero volver a recibir mensajes', 'quiero darme de alta', 'start sending me messages'])('reads %s as a re-subscribe', (text) => {
    expect(recognizeConsentCommand(text, ctx('es-MX'))).toBe('resubscribe');
    expect(recognizeConsentCommand(text, ctx('en-US'))).toBe('resubscribe');
  });

  it.each(['hola', '4321', 'cuánto debo', 'la cuota es muy alta', 'quiero pagar', 'start the plan next week'])('leaves %s to the flow', (text) => {
    expect(recognizeConsentCommand(text, ctx('es-CO'))).toBeNull();
  });
});
