import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConversationTestFile } from '../flowTesting/loadConversationTestFile';

/** One scripted conversation for the benchmark: what the debtor says and which system events arrive. */
export interface BenchScript {
  flowName: string;
  name: string;
  inputs: Array<{ kind: 'user'; text: string } | { kind: 'event'; name: string }>;
}

/**
 * Turns the conversation tests into benchmark scripts: every test becomes a conversation made of its
 * messages and system events (clock moves and timers are left out: they are not messages). Does file I/O.
 */
export async function collectBenchScripts(testsDir: string): Promise<BenchScript[]> {
  const files = (await readdir(testsDir)).filter((f) => f.endsWith('.yaml')).sort();
  const scripts: BenchScript[] = [];
  for (const file of files) {
    const loaded = await loadConversationTestFile(join(testsDir, file));
    if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
    for (const test of loaded.tests.spec.tests) {
      const inputs: BenchScript['inputs'] = [];
      for (const step of test.steps) {
        if ('user' in step) inputs.push({ kind: 'user', text: step.user });
        else if ('event' in step) inputs.push({ kind: 'event', name: step.event });
      }
      if (inputs.length > 0) scripts.push({ flowName: loaded.tests.spec.flow, name: test.name, inputs });
    }
  }
  return scripts;
}
