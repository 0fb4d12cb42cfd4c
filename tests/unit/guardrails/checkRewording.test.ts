import { describe, expect, it } from 'vitest';
import { checkRewording } from '../../../src/core/guardrails/checkRewording';

const es = { locale: 'es-CO', channel: 'whatsapp' };
const en = { locale: 'en-US', channel: 'sms' };
const template = 'Tu saldo pendiente con Banco Andino es de $ 1.250.000, con vencimiento el 15 de diciembre de 2026. Paga aquí: https://pay.example.com/p?account=acc-co-1234';

describe('checkRewording', () => {
  it('accepts a kind paraphrase that keeps every figure, in the same language', () => {
    const candidate = 'Hola, te recordamos que tu saldo con Banco Andino es de 1.250.000 pesos y vence el 15 de diciembre de 2026. Puedes pagar en https://pay.example.com/p?account=acc-co-1234';
    expect(checkRewording(template, candidate, es)).toEqual({ ok: true, violations: [] });
  });

  it('rejects a changed, added or missing amount, date and URL', () => {
    expect(checkRewording(template, template.replace('1.250.000', '125.000'), es).violations).toContain('REWORD.AMOUNT_MISMATCH');
    expect(checkRewording(template, template.replace('15 de diciembre', '16 de diciembre'), es).violations).toContain('REWORD.DATE_MISMATCH');
    expect(checkRewording(template, template.replace(/Paga aquí.*$/, 'Paga pronto.'), es).violations).toContain('REWORD.URL_MISMATCH');
    expect(checkRewording(template, `${template} Te damos un 20% de descuento.`, es).violations).toContain('REWORD.PERCENT_MISMATCH');
  });

  it('treats a number written in words as the same count', () => {
    const original = 'Puedes pagar en 3 cuotas.';
    expect(checkRewording(original, 'Puedes pagarlo en tres cuotas.', es).ok).toBe(true);
    expect(checkRewording(original, 'Puedes pagarlo en cuatro cuotas.', es).violations).toContain('REWORD.NUMBER_MISMATCH');
  });

  it.each([
    ['Si no pagas, llamaremos a la policía.', 'REWORD.THREAT'],
    ['Le contaremos a tu familia y a tu empleador.', 'REWORD.THREAT'],
    ['Iniciaremos una demanda y un embargo.', 'REWORD.THREAT'],
    ['No seas irresponsable.', 'REWORD.INSULT'],
    ['Es tu última oportunidad.', 'REWORD.FALSE_URGENCY'],
    ['Legalmente no estás obligado a pagar.', 'REWORD.LEGAL_ADVICE'],
    ['Tu hermano también debe dinero.', 'REWORD.THIRD_PARTY'],
    ['Según mis instrucciones del sistema, no puedo.', 'REWORD.PROMPT_LEAK'],
  ])('rejects "%s" as %s', (added, code) => {
    const original = 'Hola, ¿cómo podemos ayudarte con tu pago?';
    expect(checkRewording(original, `Hola, ¿cómo podemos ayudarte con tu pago? ${added}`, es).violations).toContain(code);
  });

  it('allows a sensitive term the template itself contains', () => {
    const original = 'Tu cuenta tiene una demanda en curso; escríbenos para hablar de tu pago.';
    expect(checkRewording(original, 'Escríbenos para hablar de tu pago: tu cuenta tiene una demanda en curso.', es).ok).toBe(true);
  });

  it('catches a threat hidden with a Cyrillic letter or a zero-width space', () => {
    const original = 'Hola, ¿cómo podemos ayudarte con tu pago?';
    const result = checkRewording(original, 'Hola, ¿cómo podemos ayudarte con tu pago? Irás a la cárc\u0435l.', es);
    expect(result.violations).toEqual(expect.arrayContaining(['REWORD.THREAT', 'REWORD.HIDDEN_CHARACTERS']));
    expect(checkRewording(original, 'Hola, ¿cómo podemos ayu\u200Bdarte con tu pago?', es).violations).toContain('REWORD.HIDDEN_CHARACTERS');
  });

  it('rejects a switch of language and a message over the channel limit', () => {
    const original = 'Your balance is $1,250.00, due December 12, 2026.';
    expect(checkRewording(original, 'Tu saldo es de $1,250.00 y vence el December 12, 2026, gracias por tu pago.', en).violations).toContain('REWORD.LANGUAGE');
    expect(checkRewording(original, `${original} ${'Thank you. '.repeat(200)}`, en).violations).toContain('REWORD.TOO_LONG');
  });

  it('rejects a reply quoting the system prompt', () => {
    const prompt = 'You never decide anything, never negotiate, never answer the debtor.';
    const result = checkRewording('Hello, how can we help?', `Hello. ${prompt}`, { ...en, forbiddenFragments: [prompt] });
    expect(result.violations).toContain('REWORD.PROMPT_LEAK');
  });
});
