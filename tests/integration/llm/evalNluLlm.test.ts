import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { recognize } from '../../../src/core/nlu/recognize';
import { createLlmEvalFactory, MISSING_KEY_MESSAGE } from '../../../src/nlu-eval/createLlmEvalFactory';
import { runEvalNlu } from '../../../src/nlu-eval/runEvalNlu';
import { startFakeOpenAi } from '../../fakes/fakeOpenAi';
import type { FakeOpenAi, RecordedRequest } from '../../fakes/fakeOpenAi';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const ITEMS: Array<{ text: string; intent: string }> = [
  { text: 'cuál es la cifra que me toca cubrir', intent: 'ask_balance' },
  { text: 'me gustaría conocer la cifra pendiente', intent: 'ask_balance' },
  { text: 'quiero pagar en cuotas', intent: 'request_plan' },
  { text: 'no me escriban más', intent: 'opt_out' },
];

const requestSchema = z.object({ messages: z.array(z.object({ role: z.string(), content: z.string().nullable() })) });

/** A model that knows the labels: it answers each item's intent, with no values. */
function labelledModel(request: RecordedRequest) {
  const parsed = requestSchema.safeParse(request.body);
  const user = parsed.success ? (parsed.data.messages.find((m) => m.role === 'user')?.content ?? '') : '';
  const item = ITEMS.find((i) => user.includes(i.text));
  const body = { intent: item?.intent ?? 'unknown', confidence: 0.95, amount_minor: null, currency: null, date: null, count: null, frequency: null, identifier: null };
  return { kind: 'json' as const, body };
}

const reportSchema = z.object({ interpreter: z.string(), total: z.number(), correct: z.number(), llm: z.array(z.string()).optional() });

let fake: FakeOpenAi;
let dir: string;
let file: string;

beforeAll(async () => {
  fake = await startFakeOpenAi(labelledModel);
  dir = await mkdtemp(join(tmpdir(), 'pacto-eval-llm-'));
  file = join(dir, 'items.yaml');
  await writeFile(file, ITEMS.map((i) => `- { text: "${i.text}", locale: es-CO, intent: ${i.intent} }`).join('\n'));
});

afterAll(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

async function run(argv: string[], env: Record<string, string | undefined>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runEvalNlu(argv, { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t) }, recognize, createLlmEvalFactory(env));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('npm run eval:nlu -- FILE --llm', () => {
  it('scores rules + model through the real client against an OpenAI-compatible server, beating the rules alone here', async () => {
    const env = { OPENAI_API_KEY: 'sk-test-not-real', OPENAI_BASE_URL: fake.baseUrl, LLM_TIMEOUT_MS: '10000' };
    const rules = reportSchema.parse(JSON.parse((await run([file, '--json'], env)).out));
    const before = fake.requests.length;
    const combined = await run([file, '--json', '--llm'], env);
    expect(combined.code).toBe(0);
    const report = reportSchema.parse(JSON.parse(combined.out));
    expect(rules).toMatchObject({ interpreter: 'rules', total: 4 });
    expect(rules.correct).toBeLessThan(4);
    expect(report).toMatchObject({ interpreter: 'rules+llm', total: 4, correct: 4 });
    // The eval asks the model on every item, even where the rules are sure.
    expect(fake.requests.length - before).toBe(4);
    expect(report.llm?.join('\n')).toMatch(/llm outcomes: OK 4/);
  });

  it('prints the LLM outcomes in the text report', async () => {
    const text = await run([file, '--llm'], { OPENAI_API_KEY: 'sk-test-not-real', OPENAI_BASE_URL: fake.baseUrl, LLM_TIMEOUT_MS: '10000' });
    expect(text.code).toBe(0);
    expect(text.out).toContain('interpreter: rules+llm');
    expect(text.out).toMatch(/intent accuracy: 100/);
  });

  it('exits 2 with a clear message when OPENAI_API_KEY is missing (through the npm script entry point)', async () => {
    expect(await run([file, '--llm'], {})).toEqual({ code: 2, out: '', err: MISSING_KEY_MESSAGE });
    const env = { ...process.env };
    delete env.OPENAI_API_KEY;
    const child = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'eval-nlu.ts'), file, '--llm'], { cwd: ROOT, env }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code?: number; stderr?: string }) => ({ code: error.code, stderr: error.stderr ?? '' }),
    );
    expect(child.code).toBe(2);
    expect(child.stderr).toContain('needs OPENAI_API_KEY');
  }, 60_000);
});
