import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEvaluationItems } from '../../../src/core/nlu/parseEvaluationItems';
import { createRecognizer } from '../../../src/core/nlu/createRecognizer';
import { recognize } from '../../../src/core/nlu/recognize';
import { scoreEvaluation } from '../../../src/core/nlu/scoreEvaluation';
import type { Interpretation } from '../../../src/core/nlu/types';
import { loadEvaluationFile } from '../../../src/nlu-eval/loadEvaluationFile';
import { DEFAULT_EVAL_NOW, runEvalNlu } from '../../../src/nlu-eval/runEvalNlu';

const fixture = (name: string): string => join(import.meta.dirname, '..', '..', 'fixtures', 'nlu', name);
const now = new Date(DEFAULT_EVAL_NOW);

describe('the shipped evaluation set', () => {
  it('has at least 320 utterances and 12 per canonical intent (except unknown)', async () => {
    const loaded = await loadEvaluationFile(fixture('utterances.yaml'));
    if (!loaded.ok) throw new Error(loaded.error.issues.join('\n'));
    expect(loaded.items.length).toBeGreaterThanOrEqual(320);
    const counts = new Map<string, number>();
    for (const item of loaded.items) counts.set(item.intent, (counts.get(item.intent) ?? 0) + 1);
    for (const [intent, n] of counts) if (intent !== 'unknown') expect(n, intent).toBeGreaterThanOrEqual(12);
    expect(new Set(loaded.items.map((i) => i.locale))).toEqual(new Set(['es-CO', 'es-MX', 'es-PE', 'es-CL', 'es-ES', 'en-US']));
  });

  it('is recognised with at least 90% intent accuracy', async () => {
    const loaded = await loadEvaluationFile(fixture('utterances.yaml'));
    if (!loaded.ok) throw new Error(loaded.error.issues.join('\n'));
    const report = await scoreEvaluation(loaded.items, recognize, { now });
    expect(report.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(report.entities.accuracy).toBeGreaterThanOrEqual(0.9);
  });

  // blind-2 was written before the generalisation pass and scored 85.6% with the rules of that time; the
  // pass then saw its misses, so this guards against regressions. blind-3 is the set that stays unseen.
  it('recognises the blind-2 set with at least 85% intent accuracy, every intent represented', async () => {
    const loaded = await loadEvaluationFile(fixture('blind-2.yaml'));
    if (!loaded.ok) throw new Error(loaded.error.issues.join('\n'));
    const counts = new Map<string, number>();
    for (const item of loaded.items) counts.set(item.intent, (counts.get(item.intent) ?? 0) + 1);
    expect(counts.size).toBe(19);
    for (const [intent, n] of counts) expect(n, intent).toBeGreaterThanOrEqual(6);
    const report = await scoreEvaluation(loaded.items, createRecognizer(), { now });
    expect(report.accuracy).toBeGreaterThanOrEqual(0.85);
  });
});

describe('scoreEvaluation', () => {
  const items = [
    { text: 'a', locale: 'es-CO', intent: 'greet' },
    { text: 'b', locale: 'es-CO', intent: 'greet' },
    { text: 'c', locale: 'en-US', intent: 'deny', entities: { amount: { minor: 500 } } },
  ];
  const answers: Record<string, Interpretation> = {
    a: { intent: 'greet', entities: {}, confidence: 0.9, source: 'rules' },
    b: { intent: 'deny', entities: {}, confidence: 0.6, source: 'rules' },
    c: { intent: 'deny', entities: { amount: { minor: 500, currency: 'USD' } }, confidence: 0.9, source: 'rules' },
  };

  it('computes accuracy, per-intent precision/recall, entity accuracy and a confusion table', async () => {
    const report = await scoreEvaluation(items, async (text) => answers[text] ?? answers.a!, { now });
    expect(report).toMatchObject({ total: 3, correct: 2, accuracy: 0.6667 });
    expect(report.perIntent.find((s) => s.intent === 'greet')).toMatchObject({ support: 2, predicted: 1, precision: 1, recall: 0.5 });
    expect(report.perIntent.find((s) => s.intent === 'deny')).toMatchObject({ support: 1, predicted: 2, precision: 0.5, recall: 1 });
    expect(report.confusion).toEqual({ labels: ['deny', 'greet'], matrix: [[1, 0], [1, 1]] });
    expect(report.entities).toMatchObject({ checked: 1, correct: 1, accuracy: 1 });
    expect(report.misses.map((m) => m.index)).toEqual([1]);
  });

  it('passes the locale defaults (time zone, currency) and the given instant to the interpreter', async () => {
    const seen: string[] = [];
    await scoreEvaluation(items, (_t, ctx) => {
      seen.push(`${ctx.locale} ${ctx.timeZone} ${ctx.currency} ${ctx.now.toISOString()}`);
      return answers.a!;
    }, { now });
    expect(seen[0]).toBe('es-CO America/Bogota COP 2026-11-23T15:00:00.000Z');
    expect(seen[2]).toBe('en-US America/New_York USD 2026-11-23T15:00:00.000Z');
  });
});

describe('evaluation files and the eval:nlu command', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pacto-nlu-eval-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('names the file, item index and field of every bad item', () => {
    const result = parseEvaluationItems(
      [{ text: 'hola', locale: 'es-CO', intent: 'greet' }, { text: '', locale: 'spanish', intent: 'greet', entities: { date: '15/12' } }],
      'bad.yaml',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('NLU_EVAL.BAD_ITEMS');
    expect(result.error.issues).toEqual(expect.arrayContaining([
      expect.stringMatching(/^bad\.yaml: item 1: text: /),
      expect.stringMatching(/^bad\.yaml: item 1: locale: must be a BCP 47 locale/),
      expect.stringMatching(/^bad\.yaml: item 1: entities\.date: must be an ISO date/),
    ]));
    expect(parseEvaluationItems({ text: 'x' }, 'obj.yaml').ok).toBe(false);
  });

  it('prints a text report, JSON with --json, and exits 2 only on bad input', async () => {
    const good = join(dir, 'good.yaml');
    await writeFile(good, '- { text: "el viernes le pago", locale: es-CO, intent: promise_to_pay, entities: { date: "2026-11-27" } }\n- { text: "hola", locale: es-CO, intent: deny }\n');
    const out: string[] = [];
    const err: string[] = [];
    const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) };
    expect(await runEvalNlu([good], io)).toBe(0);
    expect(out.join('\n')).toMatch(/intent accuracy: 50\.0% \(1\/2\)/);
    expect(out.join('\n')).toMatch(/confusion \(rows: labelled, columns: predicted\)/);
    expect(out.join('\n')).toMatch(/time: \d+\.\d µs CPU per message \(rules NLU, mean of \d+ calls\)/);

    out.length = 0;
    expect(await runEvalNlu([good, '--json', '--now', '2026-11-25T15:00:00Z', '--tz', 'Europe/Madrid'], io)).toBe(0);
    const json = JSON.parse(out.join('\n'));
    expect(json).toMatchObject({ total: 2, correct: 1, timeZone: 'Europe/Madrid' });
    expect(json.microsPerMessage).toBeGreaterThan(0);
    expect(json.entities.correct).toBe(1);

    const bad = join(dir, 'bad.yaml');
    await writeFile(bad, '- { text: "hola", locale: es-CO }\n- [unclosed\n');
    expect(await runEvalNlu([bad], io)).toBe(2);
    expect(err.join('\n')).toMatch(/bad\.yaml:\d+:\d+: /);
    await writeFile(bad, '- { text: "hola", locale: es-CO }\n');
    err.length = 0;
    expect(await runEvalNlu([bad], io)).toBe(2);
    expect(err.join('\n')).toMatch(/bad\.yaml: item 0: intent: /);
    expect(await runEvalNlu([join(dir, 'missing.yaml')], io)).toBe(2);
    expect(await runEvalNlu([good, '--now', 'yesterday'], io)).toBe(2);
    expect(await runEvalNlu([], io)).toBe(2);
  });

  it('scores the word rules alone with --rules-only, without the classifier they consult when unsure', async () => {
    // "link" and "holaa" are read by the classifier only (issue 12): the word rules alone say unknown.
    const file = join(dir, 'classifier.yaml');
    await writeFile(file, '- { text: "link", locale: es-CO, intent: pay_now }\n- { text: "holaa", locale: es-CO, intent: greet }\n');
    const out: string[] = [];
    const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => out.push(t) };
    expect(await runEvalNlu([file, '--json'], io)).toBe(0);
    expect(JSON.parse(out.join('\n'))).toMatchObject({ correct: 2, interpreter: 'rules' });
    out.length = 0;
    expect(await runEvalNlu([file, '--json', '--rules-only'], io)).toBe(0);
    expect(JSON.parse(out.join('\n'))).toMatchObject({ correct: 0, interpreter: 'word rules only (no classifier)' });
    expect(await runEvalNlu([file, '--rules-only', '--llm'], io)).toBe(2);
  });
});
