import { isMap, isNode, isScalar, isSeq } from 'yaml';
import type { Document, LineCounter, Node } from 'yaml';

export type YamlPath = readonly (string | number | symbol)[];

/** Finds where a path of the parsed YAML starts in the file, falling back to the nearest existing ancestor. */
export interface Locator {
  /** Position of the value at `path` (or of its key, with `key: true`), 1-based. */
  at(path: YamlPath, options?: { key?: boolean }): { line: number; column: number };
  /** Position of a character offset in the file, 1-based. */
  atOffset(offset: number): { line: number; column: number };
  /** Whether the file has a node at `path`. */
  has(path: YamlPath): boolean;
}

interface Found {
  node: Node | null;
  keyNode: Node | null;
  complete: boolean;
}

function walk(doc: Document, path: YamlPath): Found {
  let node: Node | null = doc.contents;
  let keyNode: Node | null = null;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (pair === undefined) return { node, keyNode, complete: false };
      keyNode = isScalar(pair.key) ? pair.key : null;
      node = isNode(pair.value) ? pair.value : keyNode;
    } else if (isSeq(node) && typeof segment === 'number' && isNode(node.items[segment])) {
      const item: unknown = node.items[segment];
      keyNode = null;
      node = isNode(item) ? item : node;
    } else {
      return { node, keyNode, complete: false };
    }
  }
  return { node, keyNode, complete: true };
}

/** Builds a locator over a parsed document. Pure. */
export function createLocator(doc: Document, lineCounter: LineCounter): Locator {
  const position = (node: Node | null): { line: number; column: number } => {
    const offset = node?.range?.[0] ?? 0;
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  return {
    at(path, options) {
      const found = walk(doc, path);
      return position(options?.key === true && found.complete && found.keyNode !== null ? found.keyNode : found.node);
    },
    atOffset(offset) {
      const pos = lineCounter.linePos(offset);
      return { line: pos.line, column: pos.col };
    },
    has(path) {
      return walk(doc, path).complete;
    },
  };
}
