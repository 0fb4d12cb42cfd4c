import { describe, expect, it } from 'vitest';
import { measureNluCost } from '../../../src/nlu-eval/measureNluCost';

describe('measureNluCost', () => {
  it('times the classifier, the rules with it and the rules alone over the messages', () => {
    const items = [
      { text: 'holaa', locale: 'es-CO', intent: 'greet' },
      { text: 'el viernes le pago 50 mil', locale: 'es-CO', intent: 'promise_to_pay' },
      { text: 'what can you do?', locale: 'en-US', intent: 'help' },
    ];
    const figures = measureNluCost(items, new Date('2026-11-23T15:00:00Z'), 3, 5);
    expect(figures).toMatchObject({ messages: 3, rounds: 3 });
    for (const key of ['classifier', 'rulesWithClassifier', 'rulesOnly'] as const) {
      expect(figures[key], key).toBeGreaterThan(0);
      expect(figures[key], key).toBeLessThan(100_000);
    }
  });
});
