import { describe, expect, it } from 'vitest';
import { safeNext } from '../../../src/console/auth/createAuthRouter';
import { hashPassword, verifyPassword } from '../../../src/console/auth/passwordHash';
import { maskAddress, maskBody, maskName } from '../../../src/console/conversation/maskPersonalData';
import { csvCell } from '../../../src/console/results/resultsToCsv';

describe('console helpers', () => {
  it('hashes passwords with scrypt and a salt, and verifies only the right one', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
  });

  it('masks what a viewer must not see: names, phones, documents and verification answers', () => {
    expect(maskName('María Restrepo')).toBe('M•••');
    expect(maskAddress('whatsapp:+573001112233')).toBe('•••33');
    const masked = maskBody('Soy María Restrepo, mi cédula termina en 1234 y nací el 12/04/1988', ['María', 'Restrepo']);
    expect(masked).not.toMatch(/María|Restrepo|1234|1988/);
    expect(maskBody('quiero un plan de 3 cuotas', [])).toBe('quiero un plan de 3 cuotas');
  });

  it('neutralises CSV cells a spreadsheet would run as formulas', () => {
    expect(csvCell('=1+1')).toBe(`"'=1+1"`);
    expect(csvCell('+57300')).toBe(`"'+57300"`);
    expect(csvCell('-2')).toBe(`"'-2"`);
    expect(csvCell('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
    expect(csvCell('Banco, "Andino"')).toBe('"Banco, ""Andino"""');
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell(-2)).toBe('-2');
  });

  it('only sends to console pages after signing in', () => {
    expect(safeNext('/console/conversations/abc?x=1')).toBe('/console/conversations/abc?x=1');
    expect(safeNext('https://evil.example.com')).toBe('/console/inbox');
    expect(safeNext('//evil.example.com')).toBe('/console/inbox');
    expect(safeNext('/consolex')).toBe('/console/inbox');
  });
});
