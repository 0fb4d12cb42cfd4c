/**
 * The one HTTP error mapper: turns a stable result code into an HTTP status. Exact codes first, then how
 * the code ends (`DEBTOR.NOT_FOUND`, `SIMULATOR.SESSION_NOT_FOUND` → 404), and any other expected domain
 * failure (`PLAN.BELOW_MIN_INSTALLMENT`) is 422. Pure.
 */
export function httpStatusForCode(code: string): number {
  const exact = exactStatus[code];
  if (exact !== undefined) return exact;
  return suffixStatus.find(([pattern]) => pattern.test(code))?.[1] ?? 422;
}

const exactStatus: Record<string, number> = {
  'AUTH.MISSING_TOKEN': 401,
  'AUTH.INVALID_TOKEN': 401,
  'AUTH.FORBIDDEN': 403,
  'WEBHOOK.BAD_SIGNATURE': 403,
  'WEBHOOK.INVALID_PAYLOAD': 400,
  'WEBHOOK.UNKNOWN_RECIPIENT': 400,
  'WEBHOOK.NOT_CONFIGURED': 404,
  'HTTP.PAYLOAD_TOO_LARGE': 413,
  'HTTP.MALFORMED_BODY': 400,
  'HTTP.UNSUPPORTED_MEDIA_TYPE': 415,
  'HTTP.NOT_FOUND': 404,
  'HTTP.INTERNAL': 500,
  'SERVICE.NOT_READY': 503,
};

const suffixStatus: ReadonlyArray<readonly [RegExp, number]> = [
  [/NOT_FOUND$/, 404],
  [/\.INVALID(_[A-Z]+)?$/, 400],
  [/CONFLICT$/, 409],
  [/UNAVAILABLE$/, 503],
];
