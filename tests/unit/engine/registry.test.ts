import { describe, expect, it } from 'vitest';
import { createBaseRegistry } from '../../../src/core/engine/createBaseRegistry';
import { mergeRegistries } from '../../../src/core/engine/mergeRegistries';

describe('registries', () => {
  it('merges registries and keeps guard slot reads', () => {
    const merged = mergeRegistries(createBaseRegistry(), {
      guards: { is_vip: () => true },
      actions: { mark_vip: { run: () => ({}) } },
      guardReads: { is_vip: ['vip'] },
    });
    expect(merged.ok).toBe(true);
    if (!merged.ok) return;
    expect(Object.keys(merged.registry.guards)).toContain('is_vip');
    expect(Object.keys(merged.registry.actions)).toEqual(expect.arrayContaining(['mark_vip', 'record_opt_out']));
    expect(merged.registry.guardReads).toEqual({ is_vip: ['vip'] });
  });

  it('fails loudly, as a value, on a duplicate name', () => {
    const merged = mergeRegistries(createBaseRegistry(), { guards: { has_amount: () => false }, actions: {} });
    expect(merged).toEqual({
      ok: false,
      error: { code: 'REGISTRY.DUPLICATE_NAME', message: "guard 'has_amount' is registered twice; rename one of them" },
    });
  });
});
