import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createBaseRegistry } from '../../../src/core/engine/createBaseRegistry';
import { mergeRegistries } from '../../../src/core/engine/mergeRegistries';
import { parseFlow } from '../../../src/core/engine/parseFlow';
import type { CompiledFlow } from '../../../src/core/engine/compiledFlow';
import type { EngineEvent, Facts, Registry } from '../../../src/core/engine/types';
import type { Entities } from '../../../src/core/nlu/types';

export const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'flows');

/** The base registry plus the two collections-like names the sample flow uses. */
export function createTestRegistry(): Registry {
  const merged = mergeRegistries(createBaseRegistry(), {
    guards: { identity_matches: (ctx) => ctx.session.slots.identifier === '1234' },
    actions: { mark_verified: { writes: ['verified'], run: () => ({ slots: { verified: true } }) } },
    guardReads: { identity_matches: ['identifier'] },
  });
  if (!merged.ok) throw new Error(merged.error.message);
  return merged.registry;
}

export function loadFixture(relativePath: string, registry: Registry = createTestRegistry()): CompiledFlow {
  const file = join('tests', 'fixtures', 'flows', relativePath);
  const parsed = parseFlow(readFileSync(join(FIXTURES, relativePath), 'utf8'), file, registry);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.message}`).join('\n'));
  return parsed.flow;
}

export function message(intent: string, entities: Entities = {}, confidence = 0.95): EngineEvent {
  return { kind: 'message', text: '…', intent, entities, confidence };
}

export const FACTS: Facts = {
  debtor: { firstName: 'Ana', locale: 'es-CO', timeZone: 'America/Bogota' },
  creditor: { name: 'Banco Uno' },
  account: { balance: { minor: 150_000_00, currency: 'COP' }, dueDate: '2026-12-15', currency: 'COP' },
};

export const NOW = new Date('2026-03-10T15:00:00.000Z');
