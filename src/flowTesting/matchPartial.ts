/**
 * True when `actual` contains everything in `expected`: objects match on the listed keys only (recursively),
 * arrays element by element with equal length, strings of the form `/re/` as regular expressions, everything
 * else by strict equality. Pure.
 */
export function matchPartial(actual: unknown, expected: unknown): boolean {
  if (typeof expected === 'string' && typeof actual === 'string') {
    const literal = /^\/(.+)\/([dgimsuy]*)$/s.exec(expected);
    if (literal?.[1] !== undefined) return new RegExp(literal[1], literal[2]).test(actual);
    return actual === expected;
  }
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => matchPartial(actual[i], e));
  }
  if (isRecord(expected)) {
    if (!isRecord(actual)) return false;
    return Object.entries(expected).every(([key, value]) => matchPartial(actual[key], value));
  }
  if (expected === null) return actual === null || actual === undefined;
  return Object.is(actual, expected);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
