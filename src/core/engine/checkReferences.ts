import { CANONICAL_INTENTS } from '../nlu/intents';
import { parseTemplate } from './parseTemplate';
import { suggestName } from './suggestName';
import type { ErrorSink } from './createErrorSink';
import type { FlowSpec } from './flowSchema';
import type { HandlerSite } from './listFlowHandlers';
import type { Registry } from './types';

function languageOf(locale: string): string {
  return locale.split('-')[0] ?? locale;
}

function checkTemplateTexts(spec: FlowSpec, sink: ErrorSink): void {
  const languages = new Set(spec.locales.map(languageOf));
  for (const [locale, table] of Object.entries(spec.templates)) {
    if (!languages.has(languageOf(locale))) {
      sink.add('FLOW.UNKNOWN_LOCALE', ['templates', locale], `templates for '${locale}' but its language is not in locales: [${spec.locales.join(', ')}]. Add it to locales: or remove these templates`, { key: true });
    }
    for (const [key, text] of Object.entries(table)) {
      const parsed = parseTemplate(text);
      if (!parsed.ok) sink.add(parsed.error.code, ['templates', locale, key], `template '${key}' (${locale}): ${parsed.error.message}`);
    }
  }
}

/** Checks that every `say` key exists for every declared locale (regional first, then its language). */
function createSayChecker(spec: FlowSpec, sink: ErrorSink): (keys: readonly string[], path: (string | number)[]) => void {
  const tables = spec.locales.flatMap((locale, index) => {
    const own = spec.templates[locale];
    const language = spec.templates[languageOf(locale)];
    if (own === undefined && language === undefined) {
      sink.add('FLOW.MISSING_LOCALE', ['locales', index], `locale '${locale}' is declared but there are no templates for it or for '${languageOf(locale)}'. Add templates: ${locale}: { … } or remove it from locales`);
      return [];
    }
    return [{ locale, keys: new Set([...Object.keys(language ?? {}), ...Object.keys(own ?? {})]) }];
  });
  return (keys, path) => {
    keys.forEach((key, i) => {
      for (const table of tables) {
        if (table.keys.has(key)) continue;
        sink.add('FLOW.UNKNOWN_TEMPLATE', [...path, i], `unknown template '${key}' for locale '${table.locale}'${suggestName(key, table.keys)} Add it under templates: ${table.locale}:${languageOf(table.locale) === table.locale ? '' : ` (or ${languageOf(table.locale)}:)`} or fix the name`);
      }
    });
  };
}

function checkSite(site: HandlerSite, spec: FlowSpec, registry: Registry, intents: ReadonlySet<string>, sink: ErrorSink): void {
  const f = site.fields;
  const states = Object.keys(spec.states);
  if (f.target !== undefined && !(f.target in spec.states)) {
    sink.add('FLOW.UNKNOWN_STATE', [...site.path, 'target'], `unknown target state '${f.target}'${suggestName(f.target, states)} Declare it under states: or fix the name`);
  }
  for (const field of ['guard', 'unless'] as const) {
    const name = f[field];
    if (name !== undefined && registry.guards[name] === undefined) {
      sink.add('FLOW.UNKNOWN_GUARD', [...site.path, field], `unknown guard '${name}'${suggestName(name, Object.keys(registry.guards))} Use a guard listed in flows/README.md or ask a developer to register it`);
    }
  }
  (f.actions ?? []).forEach((name, i) => {
    if (registry.actions[name] === undefined) {
      sink.add('FLOW.UNKNOWN_ACTION', [...site.path, 'actions', i], `unknown action '${name}'${suggestName(name, Object.keys(registry.actions))} Use an action listed in flows/README.md or ask a developer to register it`);
    }
  });
  const intentKeys = site.keys.filter((k) => k.startsWith('intent:')).map((k) => k.slice('intent:'.length));
  intentKeys.forEach((intent, i) => {
    if (intents.has(intent)) return;
    const where = site.via === 'on' ? { path: [...site.path, 'intent', i], key: false } : { path: site.path, key: true };
    sink.add('FLOW.UNKNOWN_INTENT', where.path, `unknown intent '${intent}'${suggestName(intent, intents)} Use a canonical intent or declare it under intents: (system events are written event:NAME)`, { key: where.key });
  });
}

/**
 * Name checks: initial state, targets, guards, actions, intents, template keys per locale, template syntax.
 * Pure apart from adding to the sink.
 */
export function checkReferences(spec: FlowSpec, sites: readonly HandlerSite[], registry: Registry, sink: ErrorSink): void {
  if (!(spec.initial in spec.states)) {
    sink.add('FLOW.MISSING_INITIAL', ['initial'], `initial state '${spec.initial}' is not declared${suggestName(spec.initial, Object.keys(spec.states))} Declare it under states: or point initial: at an existing state`);
  }
  checkTemplateTexts(spec, sink);
  const checkSay = createSayChecker(spec, sink);
  const intents = new Set<string>([...CANONICAL_INTENTS, ...(spec.intents ?? [])]);
  (spec.refine ?? []).forEach((name, i) => {
    if (registry.refiners?.[name] !== undefined) return;
    sink.add('FLOW.UNKNOWN_REFINER', ['refine', i], `unknown refiner '${name}'${suggestName(name, Object.keys(registry.refiners ?? {}))} Use a refiner listed in flows/README.md or ask a developer to register it`);
  });
  for (const [id, state] of Object.entries(spec.states)) {
    checkSay(state.say ?? [], ['states', id, 'say']);
    const as = state.unmatched?.as;
    if (as !== undefined && !(as in spec.states)) {
      sink.add('FLOW.UNKNOWN_STATE', ['states', id, 'unmatched', 'as'], `unknown state '${as}'${suggestName(as, Object.keys(spec.states))} Declare it under states: or fix the name`);
    }
    (state.unmatched?.except ?? []).forEach((intent, i) => {
      if (!intents.has(intent)) sink.add('FLOW.UNKNOWN_INTENT', ['states', id, 'unmatched', 'except', i], `unknown intent '${intent}'${suggestName(intent, intents)} Use a canonical intent or declare it under intents:`);
    });
  }
  for (const site of sites) {
    checkSite(site, spec, registry, intents, sink);
    checkSay(site.fields.say ?? [], [...site.path, 'say']);
  }
}
