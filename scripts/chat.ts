/**
 * npm run chat [-- --flow collections.es --debtor co_maria --now ISO --locale es-CO --flows DIR --script FILE]
 * An interactive terminal chat against a flow with named test facts and the real rules NLU. After each turn it
 * shows the state, slots and effects. `--script FILE` runs a text file (one message or /command per line) or a
 * conversation-test YAML non-interactively and prints the transcript.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { readCommandLine } from '../src/cli/readCommandLine';
import { createRecognizer } from '../src/core/nlu/createRecognizer';
import { createTestFacts } from '../src/demo/createTestFacts';
import { createConversationDriver, type ConversationDriver } from '../src/flowTesting/createConversationDriver';
import { createFlowRegistry } from '../src/createFlowRegistry';
import { executeChatLine, type ChatLineResult } from '../src/flowTesting/executeChatLine';
import { formatTestFailure } from '../src/flowTesting/formatTestFailure';
import { createAnsiPaint, createPlainPaint, formatTurn, type Paint } from '../src/flowTesting/formatTurn';
import { loadConversationTestFile } from '../src/flowTesting/loadConversationTestFile';
import { loadTestFlows } from '../src/flowTesting/loadTestFlows';
import { sameFamilyFlows } from '../src/flowTesting/sameFamilyFlows';
import { runConversationTestFile } from '../src/flowTesting/runConversationTestFile';

// One recognizer (with its own formatter cache) for the whole run.
const recognize = createRecognizer();

const USAGE = `usage: npm run chat [-- --flow collections.es|collections.en] [--debtor co_maria] [--now ISO] [--locale es-CO]
                     [--flows DIR] [--script FILE.txt|FILE.yaml]
  Chat as a debtor with a flow and named test facts, in the terminal; /help inside lists the commands.`;

const { values } = readCommandLine(USAGE, {
    flow: { type: 'string' },
    debtor: { type: 'string', default: 'co_maria' },
    now: { type: 'string' },
    locale: { type: 'string' },
    flows: { type: 'string', default: join(import.meta.dirname, '..', 'flows') },
    script: { type: 'string' },
});
const paint: Paint = process.stdout.isTTY ? createAnsiPaint() : createPlainPaint();
const allFacts = createTestFacts();
const flows = await loadTestFlows(values.flows, createFlowRegistry());
for (const error of flows.errors) console.error(`${error.file}:${error.line}:${error.column}: ${error.message}`);

if (values.script?.match(/\.ya?ml$/)) {
  process.exit(await runYamlScript(values.script));
}
const facts = allFacts[values.debtor];
if (!facts) fail(`unknown debtor '${values.debtor}'; known: ${Object.keys(allFacts).join(', ')}`);
const flowName = values.flow ?? (facts.debtor.locale.startsWith('en') ? 'collections.en' : 'collections.es');
const flow = flows.byName.get(flowName);
if (!flow) fail(`unknown flow '${flowName}'; known: ${flows.names.join(', ')}`);
const now = values.now ? new Date(values.now) : new Date();
if (Number.isNaN(now.getTime())) fail(`--now must be an ISO date-time, got '${values.now}'`);
const driver = createConversationDriver({ flow, facts, now, interpret: recognize, flowFor: sameFamilyFlows(flow, flows.byName), ...(values.locale ? { locale: values.locale } : {}) });

console.log(paint.bold(`Pacto chat · flow ${flow.id}@${flow.version} · debtor ${values.debtor} (${driver.session.locale}, ${facts.debtor.timeZone}) · now ${now.toISOString()}`));
console.log(paint.dim('Type as the debtor. /help for commands, /quit to leave.'));
show({ kind: 'turn', turn: driver.send({ kind: 'start' }) });
// In a terminal the person's line is already on screen; scripts and pipes need it in the transcript.
const echoInput = !process.stdin.isTTY || values.script !== undefined;

if (values.script) {
  const lines = (await readFile(values.script, 'utf8')).split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  for (const line of lines) {
    if (!show(executeChatLine(driver, line))) break;
  }
} else {
  await runInteractive(driver);
}

/** Prints a chat result; returns false when the person asked to quit. */
function show(result: ChatLineResult): boolean {
  if (result.kind === 'quit') return false;
  if (result.kind === 'info') console.log(paint.dim(result.text));
  else {
    const lines = formatTurn(result.turn, paint, true);
    for (const line of result.turn.input.kind === 'user' && !echoInput ? lines.slice(1) : lines) console.log(line);
  }
  if (result.kind !== 'info' && result.turn.session.status === 'ended') {
    console.log(paint.dim('(conversation ended — /reset to start again)'));
  }
  return true;
}

async function runInteractive(chat: ConversationDriver): Promise<void> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: paint.bold('you> ') });
  rl.prompt();
  for await (const line of rl) {
    if (line.trim() === '') {
      rl.prompt();
      continue;
    }
    if (!show(executeChatLine(chat, line))) break;
    rl.prompt();
  }
  rl.close();
}

async function runYamlScript(file: string): Promise<number> {
  const loaded = await loadConversationTestFile(file);
  if (!loaded.ok) {
    console.error(loaded.errors.join('\n'));
    return 1;
  }
  const outcomes = runConversationTestFile(loaded.tests, { flows: flows.byName, facts: allFacts, interpret: recognize });
  for (const outcome of outcomes) {
    console.log(paint.bold(`\n${outcome.failure ? '✗' : '✓'} ${outcome.flowName} › ${outcome.name}`));
    if (outcome.failure) console.log(formatTestFailure(outcome, paint));
    else for (const turn of outcome.turns) for (const line of formatTurn(turn, paint, true)) console.log(line);
  }
  return outcomes.some((o) => o.failure) ? 1 : 0;
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}
