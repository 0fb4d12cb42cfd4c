import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

/** A 1-based position in a source file. */
export interface SourcePosition {
  line: number;
  column: number;
}

function child(node: Node, key: string | number): { node: Node | null; keyNode: Node | null } | undefined {
  if (isMap(node)) {
    const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(key));
    if (!pair) return undefined;
    const keyNode = isScalar(pair.key) ? pair.key : null;
    const value = pair.value;
    return { node: value && (isMap(value) || isSeq(value) || isScalar(value)) ? value : null, keyNode };
  }
  if (isSeq(node) && typeof key === 'number') {
    const item = node.items[key];
    return item && (isMap(item) || isSeq(item) || isScalar(item)) ? { node: item, keyNode: null } : undefined;
  }
  return undefined;
}

/**
 * The position of a path (keys and list indexes) in a parsed YAML document: the value's start, or its key when the
 * value is empty. When the path does not exist, the deepest part that does (so a missing key points at its
 * parent). `exists` says whether the whole path was found. Pure.
 */
export function locateYamlPath(doc: Document, lines: LineCounter, path: ReadonlyArray<string | number>): SourcePosition & { exists: boolean } {
  let node: Node | null = doc.contents && (isMap(doc.contents) || isSeq(doc.contents) || isScalar(doc.contents)) ? doc.contents : null;
  let anchor: Node | null = node;
  let exists = true;
  for (const key of path) {
    const next: ReturnType<typeof child> = node ? child(node, key) : undefined;
    if (!next) {
      exists = false;
      break;
    }
    anchor = next.node ?? next.keyNode ?? anchor;
    node = next.node;
  }
  const offset = anchor?.range?.[0] ?? 0;
  const { line, col } = lines.linePos(offset);
  return { line, column: col, exists };
}
