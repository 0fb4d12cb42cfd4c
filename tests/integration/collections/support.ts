import type express from 'express';
import type { Kysely } from 'kysely';
import { pino } from 'pino';
import type { DB } from '../../../src/adapters/db/schema';
import { loadPolicies } from '../../../src/adapters/policies/loadPolicies';
import type { PolicySet } from '../../../src/core/collections/policy/resolvePolicy';
import { createApp } from '../../../src/http/createApp';
import { createCollectionsRouter, type CollectionsRouterDeps } from '../../../src/http/collections/createCollectionsRouter';
import { createMetrics } from '../../../src/observability/createMetrics';
import type { Clock } from '../../../src/ports/clock';
import { PORTFOLIO_COLUMNS, type PortfolioColumn } from '../../../src/core/portfolio/portfolioColumns';

export const tokens = { admin: 'admin-token-0123456789', viewer: 'viewer-token-0123456789', service: 'service-token-0123456789' } as const;

/** The real app with the collections router mounted under /api, as main.ts is expected to do. */
export function createCollectionsTestApp(db: Kysely<DB>, clock: Clock, options: Partial<CollectionsRouterDeps> = {}): express.Application {
  const apiTokens = [
    { token: tokens.admin, role: 'admin' as const },
    { token: tokens.viewer, role: 'viewer' as const },
    { token: tokens.service, role: 'service' as const },
  ];
  return createApp({
    db, logger: pino({ level: 'silent' }), metrics: createMetrics(), clock, apiTokens, simulator: false,
    mounts: [{ path: '/api', router: createCollectionsRouter({ db, clock, apiTokens, ...options }) }],
  });
}

/** The policy files shipped in flows/policies. */
export async function loadShippedPolicies(): Promise<PolicySet> {
  const loaded = await loadPolicies('flows/policies');
  if (!loaded.ok) throw new Error(loaded.error.message);
  return loaded.policies;
}

const defaults: Record<PortfolioColumn, string> = {
  external_id: 'C-1', first_name: 'Ana', last_name: 'Pérez', phone: '+57 300 123 4567', email: '', country: 'CO', locale: '', timezone: '',
  document_last4: '1234', birth_date: '1988-04-12', account_id: 'A-1', creditor: 'Acme Cobranzas', product: 'Préstamo', currency: 'COP',
  balance: '1000.00', due_date: '2026-10-01', segment: '', consent_whatsapp: 'true', consent_sms: 'true',
};

/** A portfolio CSV from partial rows over sensible defaults (creditor Acme → the default policy). */
export function portfolioCsv(...rows: Array<Partial<Record<PortfolioColumn, string>>>): string {
  const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [PORTFOLIO_COLUMNS.join(','), ...rows.map((r) => PORTFOLIO_COLUMNS.map((c) => quote(r[c] ?? defaults[c])).join(','))].join('\n');
}
