/** Fills `{{name}}` slots of a prompt with the given values; unknown slots become empty. Pure. */
export function renderPrompt(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (_m, name: string) => values[name] ?? '');
}
