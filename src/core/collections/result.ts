/** An expected failure: a stable code other parts map to messages or HTTP statuses, and a human explanation. */
export interface DomainError {
  code: string;
  message: string;
}

/** Success with a value, or an expected failure as a value (house style: throw only for bugs). */
export type Result<T> = { ok: true; value: T } | { ok: false; error: DomainError };

/** Builds the failure branch of a Result. Pure. */
export function fail(code: string, message: string): { ok: false; error: DomainError } {
  return { ok: false, error: { code, message } };
}
