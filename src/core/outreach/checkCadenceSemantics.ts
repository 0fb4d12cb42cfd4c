import type { PathIssue } from '../yaml/parseYamlFile';
import { TEMPLATE_VARIABLES } from './cadenceSchema';
import type { CadenceFile, EventKind } from './cadenceSchema';

/** Which side of its date an event step must fall on. */
const EVENT_DAYS: Record<EventKind, { min: number; max: number; hint: string }> = {
  promise_due: { min: -30, max: 0, hint: 'a promise reminder goes before or on its date (day ≤ 0)' },
  installment_due: { min: -30, max: 0, hint: 'an installment reminder goes before or on its date (day ≤ 0)' },
  promise_broken: { min: 1, max: 60, hint: 'a broken promise is followed up after its date and grace (day ≥ 1)' },
  installment_missed: { min: 1, max: 60, hint: 'a missed installment is followed up after its date (day ≥ 1)' },
};

const PLACEHOLDER = /\{([^{}]*)\}/g;

/**
 * Cross-field checks of a cadence that zod cannot express: step and event ids unique, every template named exists
 * and has a text for every locale the cadence declares, texts use only the allowed variables, repeats are well
 * formed, event days fall on the right side of their date, ranges are ordered, channels are not repeated. Pure.
 */
export function checkCadenceSemantics(cadence: CadenceFile): PathIssue[] {
  const issues: PathIssue[] = [];
  const seen = new Map<string, string>();
  const claim = (stepId: string, path: Array<string | number>) => {
    const previous = seen.get(stepId);
    if (previous) issues.push({ paths: [[...path, 'id']], message: `step id "${stepId}" is also used by ${previous}: give each step its own id` });
    seen.set(stepId, path.join('.'));
  };
  const useTemplate = (name: string, path: Array<string | number>) => {
    if (!cadence.templates[name]) {
      const known = Object.keys(cadence.templates);
      issues.push({ paths: [[...path, 'template']], message: `unknown template "${name}": define it under templates (known: ${known.join(', ') || 'none'})` });
    }
  };
  cadence.steps.forEach((step, i) => {
    claim(step.id, ['steps', i]);
    useTemplate(step.template, ['steps', i]);
    if ((step.every === undefined) !== (step.until === undefined)) {
      issues.push({ paths: [['steps', i, step.every === undefined ? 'until' : 'every'], ['steps', i]], message: 'a repeating step needs both every (days) and until (the last day)' });
    } else if (step.until !== undefined && step.until < step.day) {
      issues.push({ paths: [['steps', i, 'until']], message: `until (${step.until}) is before day (${step.day})` });
    }
  });
  cadence.events.forEach((event, i) => {
    claim(event.id, ['events', i]);
    useTemplate(event.template, ['events', i]);
    const allowed = EVENT_DAYS[event.on];
    if (event.day < allowed.min || event.day > allowed.max) issues.push({ paths: [['events', i, 'day']], message: `day ${event.day} does not fit ${event.on}: ${allowed.hint}` });
  });
  for (const [name, template] of Object.entries(cadence.templates)) {
    for (const locale of cadence.locales) {
      if (!template.text[locale]) issues.push({ paths: [['templates', name, 'text'], ['templates', name]], message: `no text for locale ${locale} (the cadence declares locales ${cadence.locales.join(', ')})` });
    }
    for (const [locale, body] of Object.entries(template.text)) {
      for (const match of body.matchAll(PLACEHOLDER)) {
        const variable = match[1] ?? '';
        if (!TEMPLATE_VARIABLES.some((v) => v === variable)) {
          issues.push({ paths: [['templates', name, 'text', locale]], message: `unknown variable {${variable}}: a proactive message may only use ${TEMPLATE_VARIABLES.map((v) => `{${v}}`).join(', ')} (nothing about the debt)` });
        }
      }
    }
  }
  const repeated = cadence.channels.filter((c, i) => cadence.channels.indexOf(c) !== i);
  if (repeated.length > 0) issues.push({ paths: [['channels']], message: `channel ${repeated[0]} is listed twice` });
  for (const key of ['daysPastDue', 'balanceMinor'] as const) {
    const band = cadence.applies[key];
    if (band?.min !== undefined && band.max !== undefined && band.min > band.max) issues.push({ paths: [['applies', key]], message: `min (${band.min}) is greater than max (${band.max})` });
  }
  return issues;
}
