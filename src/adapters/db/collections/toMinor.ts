/**
 * A bigint minor-unit column value (pg returns int8 as a string) as a safe integer. Throws when it does not fit
 * exactly: amounts are validated as safe integers on the way in, so a larger one is a bug or corrupt data. Pure.
 */
export function toMinor(value: string | number | bigint): number {
  const minor = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(minor)) throw new Error(`stored amount ${String(value)} is not a safe integer of minor units`);
  return minor;
}

/** Like toMinor, but keeps null (optional breakdown columns). Pure. */
export function toMinorOrNull(value: string | number | bigint | null): number | null {
  return value === null ? null : toMinor(value);
}
