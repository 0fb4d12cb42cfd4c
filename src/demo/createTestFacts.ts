import type { PolicySet } from '../core/collections/policy/resolvePolicy';
import { buildTestFixture, type FixtureInput } from './buildTestFixture';
import type { DemoFacts } from './demoFactsSchema';
import { readFixturePolicies } from './readFixturePolicies';

/** The day the fixtures describe (conversation tests run around it): Monday 23 November 2026, 10:00 in Bogotá. */
export const FIXTURE_NOW = new Date('2026-11-23T15:00:00Z');

const cur = (currency: string) => (minor: number) => ({ minor, currency });
const cop = cur('COP');
const mxn = cur('MXN');
const pen = cur('PEN');
const clp = cur('CLP');
const usd = cur('USD');

/** One debtor per market (CO, MX, PE, CL, ES, US) plus debtors for the balance answer and lock variants. */
const FIXTURES: readonly FixtureInput[] = [
  // 69 days past due → banco-andino-tc `late`: settlement up to 20 % within 10 days, 10 % down payment, 3 counter-offers.
  { key: 'co_maria', firstName: 'María', locale: 'es-CO', timeZone: 'America/Bogota', country: 'CO', documentLast4: '1234', birthDate: '1988-04-12',
    creditor: 'Banco Andino', product: 'Tarjeta de crédito', balance: cop(125_000_000), dueDate: '2026-09-15',
    breakdown: { principal: cop(110_000_000), interest: cop(12_000_000), fees: cop(3_000_000) },
    lastPayment: { amount: cop(15_000_000), paidAt: '2026-08-20T16:00:00-05:00' } },
  // Locked out by an earlier conversation until 24 November.
  { key: 'co_andres', firstName: 'Andrés', locale: 'es-CO', timeZone: 'America/Bogota', country: 'CO', documentLast4: '8642', birthDate: '1975-01-30',
    creditor: 'Banco Andino', product: 'Tarjeta de crédito', balance: cop(60_000_000), dueDate: '2026-10-01', lockedUntil: '2026-11-24T15:00:00Z' },
  // 45 days past due → default `early`: settlement up to 10 %; a promise partly paid.
  { key: 'mx_jose', firstName: 'José', locale: 'es-MX', timeZone: 'America/Mexico_City', country: 'MX', documentLast4: '5678', birthDate: '1990-09-30',
    creditor: 'Financiera Azteca Norte', product: 'Préstamo personal', balance: mxn(845_050), dueDate: '2026-10-09',
    activePromise: { amount: mxn(200_000), dueDate: '2026-11-28', madeAt: '2026-11-20T18:00:00Z', paid: mxn(50_000) } },
  // Current bucket (no settlement); an active plan with the second installment partly paid; no payment link on file.
  { key: 'pe_rosa', firstName: 'Rosa', locale: 'es-PE', timeZone: 'America/Lima', country: 'PE', documentLast4: '4321', birthDate: '1979-02-03',
    creditor: 'Caja Andina', product: 'Crédito de consumo', balance: pen(210_000), dueDate: '2026-11-05', paymentLink: false,
    activePlan: { id: 'plan-pe-rosa', installments: [
      { number: 1, amount: pen(80_000), dueDate: '2026-10-05', paid: pen(80_000) },
      { number: 2, amount: pen(80_000), dueDate: '2026-11-05', paid: pen(30_000) },
      { number: 3, amount: pen(80_000), dueDate: '2026-12-05' },
      { number: 4, amount: pen(80_000), dueDate: '2027-01-05' },
    ] } },
  // 105 days past due → default `late`: settlement up to 25 % within 7 days.
  { key: 'cl_pablo', firstName: 'Pablo', locale: 'es-CL', timeZone: 'America/Santiago', country: 'CL', documentLast4: '9876', birthDate: '1985-11-20',
    creditor: 'Retail Austral', product: 'Tarjeta de casa comercial', balance: clp(480_000), dueDate: '2026-08-10',
    breakdown: { principal: clp(400_000), interest: clp(65_000), fees: clp(15_000) } },
  // 22 days past due → default `current`: full payment or installments only.
  { key: 'es_lucia', firstName: 'Lucía', locale: 'es-ES', timeZone: 'Europe/Madrid', country: 'ES', documentLast4: '2468', birthDate: '1992-07-14',
    creditor: 'Crédito Ibérico', product: 'Préstamo al consumo', balance: { minor: 152_075, currency: 'EUR' }, dueDate: '2026-11-01' },
  // 136 days past due → lakeside-cards `over-120`: settlement up to 30 % within 7 days, 1 counter-offer.
  { key: 'us_john', firstName: 'John', locale: 'en-US', timeZone: 'America/New_York', country: 'US', documentLast4: '1357', birthDate: '1983-05-06', dateOrder: 'mdy',
    creditor: 'Lakeside Credit Union', product: 'Credit card', balance: usd(125_000), dueDate: '2026-07-10',
    breakdown: { principal: usd(110_000), interest: usd(12_500), fees: usd(2_500) },
    lastPayment: { amount: usd(10_000), paidAt: '2026-07-01T14:00:00-04:00' } },
  // Under 120 days: no settlement; an active plan; no payment link on file.
  { key: 'us_kim', firstName: 'Kim', locale: 'en-US', timeZone: 'America/Chicago', country: 'US', documentLast4: '2580', birthDate: '1991-03-15', dateOrder: 'mdy',
    creditor: 'Lakeside Credit Union', product: 'Credit card', balance: usd(64_000), dueDate: '2026-11-01', paymentLink: false,
    activePlan: { id: 'plan-us-kim', installments: [
      { number: 1, amount: usd(32_000), dueDate: '2026-11-20', paid: usd(32_000) },
      { number: 2, amount: usd(32_000), dueDate: '2026-12-20' },
    ] } },
  // A promise made last week, nothing paid yet.
  { key: 'us_ana', firstName: 'Ana', locale: 'en-US', timeZone: 'America/Los_Angeles', country: 'US', documentLast4: '3690', birthDate: '1987-12-01', dateOrder: 'mdy',
    creditor: 'Lakeside Credit Union', product: 'Credit card', balance: usd(30_000), dueDate: '2026-11-18',
    activePromise: { amount: usd(10_000), dueDate: '2026-11-27', madeAt: '2026-11-16T20:00:00Z' } },
  // 105 days past due → default `late`: settlement up to 25 % (S/ 1.800 for S/ 2.400) within 7 days.
  { key: 'pe_carmen', firstName: 'Carmen', locale: 'es-PE', timeZone: 'America/Lima', country: 'PE', documentLast4: '1357', birthDate: '1984-05-20',
    creditor: 'Caja Andina', product: 'Crédito de consumo', balance: pen(240_000), dueDate: '2026-08-10' },
  // An open dispute (collection paused); no arrangement.
  { key: 'cl_ines', firstName: 'Inés', locale: 'es-CL', timeZone: 'America/Santiago', country: 'CL', documentLast4: '2222', birthDate: '1980-10-10',
    creditor: 'Retail Austral', product: 'Tarjeta de casa comercial', balance: clp(480_000), dueDate: '2026-08-10', status: 'disputed' },
  // A 12-payment plan accepted, then the account disputed.
  { key: 'es_elena', firstName: 'Elena', locale: 'es-ES', timeZone: 'Europe/Madrid', country: 'ES', documentLast4: '3333', birthDate: '1986-02-02',
    creditor: 'Crédito Ibérico', product: 'Préstamo al consumo', balance: { minor: 110_000, currency: 'EUR' }, dueDate: '2026-10-01', status: 'disputed',
    activePlan: { id: 'plan-es-elena', installments: Array.from({ length: 12 }, (_, k) => ({
      number: k + 1, amount: { minor: 10_000, currency: 'EUR' }, dueDate: `${2026 + Math.floor((10 + k) / 12)}-${String(((10 + k) % 12) + 1).padStart(2, '0')}-05`,
      ...(k === 0 ? { paid: { minor: 10_000, currency: 'EUR' } } : {}) })) } },
  // A third party told us in an earlier conversation that the debtor died.
  { key: 'co_luis', firstName: 'Luis', locale: 'es-CO', timeZone: 'America/Bogota', country: 'CO', documentLast4: '4444', birthDate: '1950-03-03',
    creditor: 'Banco Andino', product: 'Tarjeta de crédito', balance: cop(30_000_000), dueDate: '2026-10-01', deceasedAt: '2026-11-20T15:00:00Z' },
  // Under 120 days, nothing on file: plans only (the English fixtures' plain case).
  { key: 'us_rick', firstName: 'Rick', locale: 'en-US', timeZone: 'America/New_York', country: 'US', documentLast4: '8080', birthDate: '1982-09-09', dateOrder: 'mdy',
    creditor: 'Lakeside Credit Union', product: 'Credit card', balance: usd(125_000), dueDate: '2026-10-15' },
  // An open dispute on an account with an active plan.
  { key: 'us_dora', firstName: 'Dora', locale: 'en-US', timeZone: 'America/Denver', country: 'US', documentLast4: '6060', birthDate: '1977-04-04', dateOrder: 'mdy',
    creditor: 'Lakeside Credit Union', product: 'Credit card', balance: usd(60_000), dueDate: '2026-10-20', status: 'disputed',
    activePlan: { id: 'plan-us-dora', installments: [
      { number: 1, amount: usd(30_000), dueDate: '2026-12-10' },
      { number: 2, amount: usd(30_000), dueDate: '2027-01-10' },
    ] } },
  // A third party told us in an earlier conversation that the debtor died.
  { key: 'us_walt', firstName: 'Walt', locale: 'en-US', timeZone: 'America/New_York', country: 'US', documentLast4: '7070', birthDate: '1948-07-07', dateOrder: 'mdy',
    creditor: 'Lakeside Credit Union', product: 'Credit card', balance: usd(40_000), dueDate: '2026-10-01', deceasedAt: '2026-11-20T15:00:00Z' },
  // 136 days past due (settlement up to 30 %) with a promise on file.
  { key: 'us_tess', firstName: 'Tess', locale: 'en-US', timeZone: 'America/New_York', country: 'US', documentLast4: '9090', birthDate: '1989-09-19', dateOrder: 'mdy',
    creditor: 'Lakeside Credit Union', product: 'Credit card', balance: usd(100_000), dueDate: '2026-07-10',
    activePromise: { amount: usd(20_000), dueDate: '2026-11-30', madeAt: '2026-11-20T18:00:00Z' } },
  // Locked out by an earlier conversation until 24 November.
  { key: 'us_mike', firstName: 'Mike', locale: 'en-US', timeZone: 'America/New_York', country: 'US', documentLast4: '7531', birthDate: '1979-08-08', dateOrder: 'mdy',
    creditor: 'Lakeside Credit Union', product: 'Credit card', balance: usd(50_000), dueDate: '2026-10-15', lockedUntil: '2026-11-24T15:00:00Z' },
];

export interface TestFactsOptions {
  /** Policies to resolve against; default: the repository's flows/policies, read synchronously. */
  policies?: PolicySet;
  /** When days past due (and so the policy bucket) are taken; default FIXTURE_NOW. */
  now?: Date;
}

/**
 * Named fixture facts for the default collections flows, built through the real collections domain
 * (buildTestFixture: hashed factors, resolved policy, signed payment link). Money is ISO 4217 minor units (COP
 * has 2 minor digits, CLP none). Conversation tests, the terminal chat, the benchmarks and the demo seed refer to
 * them by name. Returns fresh objects on every call. Reads flows/policies unless `policies` is given.
 */
export function createTestFacts(options: TestFactsOptions = {}): Record<string, DemoFacts> {
  const policies = options.policies ?? readFixturePolicies();
  const now = options.now ?? FIXTURE_NOW;
  return Object.fromEntries(FIXTURES.map((input) => [input.key, buildTestFixture(input, policies, now)]));
}
