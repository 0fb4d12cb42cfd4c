import { PLACEHOLDER } from './redactPii';
import type { PiiReplacement } from './redactPii';

export interface RestoredText {
  text: string;
  /** Placeholders in the text that were never handed out: a model made them up. */
  unknown: string[];
}

/** Puts back the values that redactPii replaced; reports placeholders it does not know. Pure. */
export function restorePii(text: string, replacements: readonly PiiReplacement[]): RestoredText {
  const unknown: string[] = [];
  const restored = text.replace(PLACEHOLDER, (placeholder) => {
    const found = replacements.find((r) => r.placeholder === placeholder);
    if (found) return found.value;
    unknown.push(placeholder);
    return placeholder;
  });
  return { text: restored, unknown };
}
