import { describe, expect, it } from 'vitest';
import { renderFlowGraph } from '../../../src/core/engine/renderFlowGraph';
import { loadFixture } from './support';

const flow = loadFixture('sample.yaml');

describe('renderFlowGraph', () => {
  it('draws a Mermaid state diagram with initial, finals, guards and retry/timeout/global markers', () => {
    const lines = renderFlowGraph(flow, 'mermaid').split('\n');
    expect(lines[0]).toBe('stateDiagram-v2');
    expect(lines).toEqual(
      expect.arrayContaining([
        '  [*] --> greeting',
        '  greeting --> verify : always',
        '  verify --> menu : provide_info [identity_matches]',
        '  verify --> verify : provide_info',
        '  verify --> verify : otherwise (stay)',
        '  verify --> verification_locked : [retry] after 3 attempts',
        '  verify --> idle : [timeout] 24h',
        '  verify --> verify : help [override] (stay)',
        '  menu --> thanks : event payment_received',
        '  menu --> confirm : propose_amount [has_amount]',
        '  state "any state" as __any',
        '  __any --> opted_out : opt_out [global]',
        '  thanks --> [*]',
        '  verification_locked --> [*]',
      ]),
    );
  });

  it('draws Graphviz dot with final states as double circles and globals dashed', () => {
    const dot = renderFlowGraph(flow, 'dot');
    expect(dot.startsWith('digraph "sample" {')).toBe(true);
    expect(dot).toContain('"__start" -> "greeting";');
    expect(dot).toContain('"thanks" [shape=doublecircle];');
    expect(dot).toContain('"verify" -> "menu" [label="provide_info [identity_matches]"];');
    expect(dot).toContain('"__any" -> "opted_out" [label="opt_out [global]", style=dashed];');
    expect(dot.trimEnd().endsWith('}')).toBe(true);
  });
});
