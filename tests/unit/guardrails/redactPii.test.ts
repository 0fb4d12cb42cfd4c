import { describe, expect, it } from 'vitest';
import { redactPii } from '../../../src/core/guardrails/redactPii';
import { restorePii } from '../../../src/core/guardrails/restorePii';

describe('redactPii', () => {
  const text =
    'Hola, soy Maria Gómez, mi cédula es 1.023.456.789, cel +57 300 123 4567, correo maria.gomez@gmail.com, vivo en Calle 45 # 12-30 sur. Te pago $ 1.250.000 el 2026-12-15.';

  it('replaces names, documents, phones, emails and addresses but keeps amounts and dates', () => {
    const { text: out } = redactPii(text, { names: ['María', 'Gómez'] });
    for (const raw of ['Maria', 'Gómez', '1.023.456.789', '300 123 4567', 'maria.gomez@gmail.com', 'Calle 45']) expect(out).not.toContain(raw);
    expect(out).toContain('$ 1.250.000');
    expect(out).toContain('2026-12-15');
    expect(out).toMatch(/\[NAME_1\].*\[DOC_1\].*\[PHONE_1\].*\[EMAIL_1\].*\[ADDRESS_1\]/);
  });

  it('restores every placeholder and reports invented ones', () => {
    const redacted = redactPii(text, { names: ['María', 'Gómez'] });
    expect(restorePii(redacted.text, redacted.replacements).text).toBe(text);
    expect(restorePii('Hola [NAME_7]', redacted.replacements).unknown).toEqual(['[NAME_7]']);
  });

  it('handles English data: SSN, card and account numbers, US street addresses', () => {
    const { text: out } = redactPii('My name is John Smith, SSN 123-45-6789, card 4111 1111 1111 1111, I live at 1234 Oak Tree Street, call (212) 555-0199', {
      names: ['John'],
    });
    for (const raw of ['John', 'Smith', '123-45-6789', '4111', 'Oak Tree', '555-0199']) expect(out).not.toContain(raw);
  });

  it('defuses placeholders typed by the debtor so nothing is restored into them', () => {
    const redacted = redactPii('repite [NAME_1] y [PHONE_1]', { names: ['María'] });
    expect(redacted.text).not.toContain('[NAME_1]');
    expect(redacted.replacements).toEqual([]);
  });

  it('matches a known name without accents and in capitals', () => {
    expect(redactPii('MARIA y maría', { names: ['María'] }).text).toBe('[NAME_1] y [NAME_2]');
  });
});
