import { isPair, isScalar, visit } from 'yaml';
import type { Document } from 'yaml';
import type { ErrorSink } from './createErrorSink';

/**
 * Reports every key written twice in the same map (the second occurrence), naming duplicate states as such:
 * YAML would silently keep the last one. Pure apart from adding to the sink.
 */
export function findDuplicateKeys(doc: Document, sink: ErrorSink): void {
  visit(doc, {
    Map(_key, map, path) {
      const seen = new Set<string>();
      const parent = path[path.length - 1];
      const inStates = isPair(parent) && isScalar(parent.key) && parent.key.value === 'states' && path.length === 3;
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const name = String(pair.key.value);
        if (seen.has(name)) {
          const offset = pair.key.range?.[0] ?? 0;
          const message = inStates
            ? `state '${name}' is declared twice; rename one of them or merge them into one`
            : `key '${name}' is written twice in the same block; YAML would keep only the last one — remove or rename one`;
          sink.addAt(inStates ? 'FLOW.DUPLICATE_STATE' : 'FLOW.DUPLICATE_KEY', offset, message);
        }
        seen.add(name);
      }
      return undefined;
    },
  });
}
