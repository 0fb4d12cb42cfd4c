import { countLanguageWords } from '../guardrails/detectLanguage';
import type { CompiledFlow } from './compiledFlow';
import type { Session } from './types';

/** A conversation moved to the language its debtor writes in: same state, slots and attempts, other flow. */
export interface LanguageSwitch {
  flow: CompiledFlow;
  session: Session;
  from: string;
  to: string;
}

/** Finds the flow that serves a locale (es-CO → collections-es), or undefined. */
export type FlowForLocale = (locale: string) => CompiledFlow | undefined;

/**
 * When a message is clearly written in another language than the conversation's (countLanguageWords: at
 * least two marks of it and three times those of the current language) and a flow of the same family (collections-es ↔ collections-en) serves that language with the conversation's
 * current state, moves
 * the conversation there: the state, slots, attempts and verification are kept; the session locale becomes the
 * message's language with the debtor's region (es-CO writing English → en-CO, so money stays in pesos). A flow
 * that holds templates for both languages only changes the locale. Returns undefined when nothing changes: a
 * short or mixed message, the same language, an ended conversation or no flow for the language. Pure.
 */
export function switchConversationLanguage(flow: CompiledFlow, session: Session, text: string, flowFor: FlowForLocale): LanguageSwitch | undefined {
  if (session.status !== 'active') return undefined;
  const [current, region] = session.locale.split('-');
  const written = writtenLanguage(text, current?.toLowerCase() === 'en' ? 'en' : 'es');
  if (written === undefined) return undefined;
  const locale = region ? `${written}-${region}` : written;
  const target = flowFor(locale);
  if (!target || familyOf(target.id) !== familyOf(flow.id)) return undefined;
  if (!servesLanguage(target, written) || !target.states.has(session.state)) return undefined;
  const moved: Session = { ...session, flowId: target.id, flowVersion: target.version, locale };
  return { flow: target, session: moved, from: session.locale, to: locale };
}

/**
 * The other language, when the text clearly is in it: at least two of its marks, and three times as many as the
 * conversation's own language has (a Spanish "el link please" stays Spanish; "a fin de mes le pago" is Spanish
 * despite the English-looking "a").
 */
function writtenLanguage(text: string, current: 'es' | 'en'): 'es' | 'en' | undefined {
  const counts = countLanguageWords(text);
  const other = current === 'es' ? 'en' : 'es';
  return counts[other] >= 2 && counts[other] >= 3 * counts[current] ? other : undefined;
}

/** A flow's id without its language suffix: collections-es and collections-en are one family. */
function familyOf(flowId: string): string {
  return flowId.replace(/-[a-z]{2}(?:-[a-z]{2})?$/i, '');
}

function servesLanguage(flow: CompiledFlow, language: string): boolean {
  return [...flow.templates.keys()].some((key) => key === language || key.startsWith(`${language}-`));
}
