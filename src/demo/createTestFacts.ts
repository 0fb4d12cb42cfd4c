import type { DemoFacts } from './demoFactsSchema';

/**
 * Named test-facts fixtures for the default collections flows: one debtor per market we serve
 * (CO, MX, PE, CL, ES, US). Money is in ISO 4217 minor units (COP has 2 minor digits, CLP none).
 * Conversation tests, the terminal chat and the benchmark refer to them by name.
 * Returns fresh objects on every call so no caller can change another's fixture. Pure, no I/O.
 */
export function createTestFacts(): Record<string, DemoFacts> {
  return {
    co_maria: fixture({
      firstName: 'María', locale: 'es-CO', timeZone: 'America/Bogota', country: 'CO',
      documentLast4: '1234', birthDate: '1988-04-12', creditor: 'Banco Andino', product: 'Tarjeta de crédito',
      balance: { minor: 125_000_000, currency: 'COP' }, dueDate: '2026-12-15',
      maxInstallments: 6, minInstallment: { minor: 10_000_000, currency: 'COP' },
    }),
    mx_jose: fixture({
      firstName: 'José', locale: 'es-MX', timeZone: 'America/Mexico_City', country: 'MX',
      documentLast4: '5678', birthDate: '1990-09-30', creditor: 'Financiera Azteca Norte', product: 'Préstamo personal',
      balance: { minor: 845_050, currency: 'MXN' }, dueDate: '2026-12-10',
      maxInstallments: 12, minInstallment: { minor: 50_000, currency: 'MXN' },
    }),
    pe_rosa: fixture({
      firstName: 'Rosa', locale: 'es-PE', timeZone: 'America/Lima', country: 'PE',
      documentLast4: '4321', birthDate: '1979-02-03', creditor: 'Caja Andina', product: 'Crédito de consumo',
      balance: { minor: 320_000, currency: 'PEN' }, dueDate: '2026-12-05',
      maxInstallments: 4, minInstallment: { minor: 50_000, currency: 'PEN' },
    }),
    cl_pablo: fixture({
      firstName: 'Pablo', locale: 'es-CL', timeZone: 'America/Santiago', country: 'CL',
      documentLast4: '9876', birthDate: '1985-11-20', creditor: 'Retail Austral', product: 'Tarjeta de casa comercial',
      balance: { minor: 480_000, currency: 'CLP' }, dueDate: '2026-12-20',
      maxInstallments: 6, minInstallment: { minor: 40_000, currency: 'CLP' },
    }),
    es_lucia: fixture({
      firstName: 'Lucía', locale: 'es-ES', timeZone: 'Europe/Madrid', country: 'ES',
      documentLast4: '2468', birthDate: '1992-07-14', creditor: 'Crédito Ibérico', product: 'Préstamo al consumo',
      balance: { minor: 152_075, currency: 'EUR' }, dueDate: '2026-12-01',
      maxInstallments: 6, minInstallment: { minor: 10_000, currency: 'EUR' },
    }),
    us_john: fixture({
      firstName: 'John', locale: 'en-US', timeZone: 'America/New_York', country: 'US',
      documentLast4: '1357', birthDate: '1983-05-06', creditor: 'Lakeside Credit Union', product: 'Credit card',
      balance: { minor: 125_000, currency: 'USD' }, dueDate: '2026-12-12',
      maxInstallments: 6, minInstallment: { minor: 5_000, currency: 'USD' },
    }),
  };
}

interface FixtureInput {
  firstName: string;
  locale: string;
  timeZone: string;
  country: string;
  documentLast4: string;
  birthDate: string;
  creditor: string;
  product: string;
  balance: { minor: number; currency: string };
  dueDate: string;
  maxInstallments: number;
  minInstallment: { minor: number; currency: string };
}

function fixture(input: FixtureInput): DemoFacts {
  const accountId = `acc-${input.country.toLowerCase()}-${input.documentLast4}`;
  return {
    debtor: {
      firstName: input.firstName,
      locale: input.locale,
      timeZone: input.timeZone,
      country: input.country,
      documentLast4: input.documentLast4,
      birthDate: input.birthDate,
    },
    creditor: { name: input.creditor },
    account: {
      id: accountId,
      product: input.product,
      currency: input.balance.currency,
      balance: input.balance,
      dueDate: input.dueDate,
      paymentLink: `https://pay.example.com/p?account=${accountId}`,
    },
    policy: {
      maxInstallments: input.maxInstallments,
      minInstallment: input.minInstallment,
      maxPromiseDays: 30,
      maxVerificationAttempts: 3,
    },
  };
}
