import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSession } from '../../../src/core/engine/createSession';
import { switchConversationLanguage } from '../../../src/core/engine/switchConversationLanguage';
import type { Session } from '../../../src/core/engine/types';
import { detectLanguage } from '../../../src/core/guardrails/detectLanguage';
import { createFlowRegistry } from '../../../src/createFlowRegistry';
import { loadTestFlows } from '../../../src/flowTesting/loadTestFlows';

const flows = await loadTestFlows(join(import.meta.dirname, '..', '..', '..', 'flows'), createFlowRegistry());
const es = flows.byName.get('collections-es');
const en = flows.byName.get('collections-en');
if (!es || !en) throw new Error('default flows did not load');
const both = (locale: string) => (locale.startsWith('en') ? en : es);

function verifiedOn(flow: typeof es, locale: string): Session {
  if (!flow) throw new Error('no flow');
  return { ...createSession(flow, locale), state: 'menu', slots: { verified: true, identifier: '1234' }, attempts: { menu: 1 } };
}

describe('switchConversationLanguage', () => {
  it('moves a conversation to the flow of the language written, keeping state, slots, attempts and the region', () => {
    const session = verifiedOn(es, 'es-CO');
    const switched = switchConversationLanguage(es, session, 'how much do I owe you right now?', both);
    expect(switched?.flow.id).toBe('collections-en');
    expect(switched?.session).toEqual({ ...session, flowId: 'collections-en', flowVersion: en.version, locale: 'en-CO' });
    expect(switched).toMatchObject({ from: 'es-CO', to: 'en-CO' });
    const back = switched && switchConversationLanguage(switched.flow, switched.session, 'cuánto es lo que debo en total?', both);
    expect(back?.session).toEqual({ ...session, flowVersion: es.version });
  });

  it('stays put for short, mixed or same-language messages and for ended conversations', () => {
    const session = verifiedOn(es, 'es-CO');
    for (const text of ['ok', '👍', 'link', '1234', 'el link please', 'ok pero how much', 'cuánto debo ahora?']) {
      expect(switchConversationLanguage(es, session, text, both), text).toBeUndefined();
    }
    expect(switchConversationLanguage(es, { ...session, status: 'ended' }, 'how much do I owe you?', both)).toBeUndefined();
  });

  it('stays put when no flow serves the language or the other flow lacks the current state', () => {
    const session = verifiedOn(es, 'es-CO');
    // A deployment with only the Spanish flow: the locale lookup falls back to it, which has no English templates.
    expect(switchConversationLanguage(es, session, 'how much do I owe you?', () => es)).toBeUndefined();
    expect(switchConversationLanguage(es, session, 'how much do I owe you?', () => undefined)).toBeUndefined();
    expect(switchConversationLanguage(es, { ...session, state: 'no_such_state' }, 'how much do I owe you?', both)).toBeUndefined();
    // Another family's flow (a deployment's own flows beside the defaults) is never a switch target.
    expect(switchConversationLanguage(es, session, 'how much do I owe you?', () => ({ ...en, id: 'acme-en' }))).toBeUndefined();
  });
});

describe('detectLanguage on what debtors write', () => {
  it.each([
    ['how much do I owe', 'en'],
    ['I already paid last week', 'en'],
    ['can I pay it next month?', 'en'],
    ['cuánto debo', 'es'],
    ['ya pagué la semana pasada', 'es'],
    ['no tengo plata este mes', 'es'],
    ['ok', 'unknown'],
    ['hola', 'unknown'],
  ])('"%s" → %s', (text, language) => {
    expect(detectLanguage(text)).toBe(language);
  });
});
