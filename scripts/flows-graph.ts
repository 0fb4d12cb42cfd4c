/**
 * `npm run flows:graph -- flows/NAME.yaml [--format dot]`: prints the flow as a Mermaid stateDiagram-v2
 * (default) or Graphviz dot. Reads the file; exits 1 with file:line:column errors when it does not load.
 */
import { readFile } from 'node:fs/promises';
import { formatFlowError } from '../src/core/engine/formatFlowError';
import { parseFlow } from '../src/core/engine/parseFlow';
import { renderFlowGraph } from '../src/core/engine/renderFlowGraph';
import { createFlowRegistry } from '../src/createFlowRegistry';

const args = process.argv.slice(2);
const formatIndex = args.indexOf('--format');
const format = formatIndex === -1 ? 'mermaid' : args[formatIndex + 1];
const file = args.find((arg, i) => !arg.startsWith('-') && (formatIndex === -1 || i !== formatIndex + 1));
if (file === undefined || (format !== 'mermaid' && format !== 'dot')) {
  console.error('usage: npm run flows:graph -- flows/NAME.yaml [--format mermaid|dot]');
  process.exit(2);
}
const parsed = parseFlow(await readFile(file, 'utf8'), file, createFlowRegistry());
if (!parsed.ok) {
  for (const error of parsed.errors) console.error(formatFlowError(error));
  process.exit(1);
}
process.stdout.write(renderFlowGraph(parsed.flow, format));
