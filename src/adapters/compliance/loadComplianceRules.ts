import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildRuleBook } from '../../core/compliance/ruleBook';
import type { BuildRuleBookResult } from '../../core/compliance/ruleBook';

/** The default rules folder, relative to the working directory. */
export const COMPLIANCE_RULES_DIR = join('flows', 'compliance');

async function readYamlFiles(dir: string): Promise<Array<{ file: string; text: string }>> {
  if (!existsSync(dir)) return [];
  const names = (await readdir(dir)).filter((n) => /\.ya?ml$/.test(n)).sort();
  return Promise.all(names.map(async (name) => ({ file: join(dir, name), text: await readFile(join(dir, name), 'utf8') })));
}

/**
 * Reads the compliance rules: every jurisdiction file directly in `dir` (flows/compliance/XX.yaml) and every creditor
 * override in `dir/creditors/` and the approved WhatsApp templates in `dir/whatsapp/templates.yaml`, and builds
 * the rule book (all or nothing, file:line:column issues). I/O: reads files.
 */
export async function loadComplianceRules(dir: string = COMPLIANCE_RULES_DIR): Promise<BuildRuleBookResult> {
  const templates = join(dir, 'whatsapp', 'templates.yaml');
  const templatesFile = existsSync(templates) ? { file: templates, text: await readFile(templates, 'utf8') } : undefined;
  return buildRuleBook(await readYamlFiles(dir), await readYamlFiles(join(dir, 'creditors')), templatesFile);
}
