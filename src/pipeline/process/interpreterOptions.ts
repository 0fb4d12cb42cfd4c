import type { Facts } from '../../core/engine/types';
import type { InterpretOptions } from '../../ports/interpreter';

/**
 * The personal data an LLM interpreter must redact, taken from the facts: the debtor's names, and account ids
 * and document digits wherever the facts keep them. Pure.
 */
export function interpreterOptions(facts: Facts | undefined, llmCallsSoFar: number): InterpretOptions {
  if (!facts) return { llmCallsSoFar };
  const names = ['firstName', 'lastName', 'fullName'].map((k) => facts.debtor[k]).filter(isText);
  const accounts = [facts.debtor.documentLast4, facts.debtor.document, readField(facts.account, 'id'), readField(facts.account, 'accountId')];
  return { knownNames: names, knownAccounts: accounts.filter(isText), llmCallsSoFar };
}

function readField(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined;
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}
