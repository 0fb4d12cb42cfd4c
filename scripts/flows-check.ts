/**
 * `npm run flows:check [dir]`: validates every flow in dir (default flows/, not its subfolders) and prints
 * `file:line:column: message` per problem (exit 1), or one OK line per flow. Reads files.
 */
import { formatFlowError } from '../src/core/engine/formatFlowError';
import { loadFlowsFromDir } from '../src/adapters/flows/loadFlowsFromDir';
import { createDemoFlowRegistry } from '../src/flowTesting/createDemoFlowRegistry';

const dir = process.argv.slice(2).find((arg) => !arg.startsWith('-')) ?? 'flows';
const result = await loadFlowsFromDir(dir, createDemoFlowRegistry());
if (!result.ok) {
  for (const error of result.errors) console.error(formatFlowError(error));
  console.error(`\n${result.errors.length} problem(s) in ${dir}; no flow with errors is ever loaded.`);
  process.exit(1);
}
for (const flow of result.flows) {
  console.log(`OK ${flow.id} version ${flow.version}: ${flow.states.size} states, locales ${flow.locales.join(', ')} (${flow.fileName})`);
}
console.log(`${result.flows.length} flow(s) valid in ${dir}`);
