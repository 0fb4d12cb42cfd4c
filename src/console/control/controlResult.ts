/** Stable codes of the console's expected failures (mapped to HTTP statuses by the routes). */
export type ControlErrorCode =
  | 'CONSOLE.NOT_FOUND'
  | 'CONSOLE.CONVERSATION_ENDED'
  | 'CONSOLE.TAKEN_BY_OTHER'
  | 'CONSOLE.NOT_YOURS'
  | 'CONSOLE.NOT_WITH_PERSON'
  | 'CONSOLE.WINDOW_CLOSED'
  | 'CONSOLE.NO_TEMPLATE'
  | 'CONSOLE.INVALID_INPUT'
  | 'CONSOLE.UNKNOWN_STATE'
  | 'CONSOLE.UNKNOWN_USER';

export type ControlResult = { ok: true } | { ok: false; error: { code: ControlErrorCode; message: string } };

/** A failure value. Pure. */
export function controlFailure(code: ControlErrorCode, message: string): ControlResult {
  return { ok: false, error: { code, message } };
}

/** The HTTP status for a control failure. Pure. */
export function statusForControlError(code: ControlErrorCode): number {
  switch (code) {
    case 'CONSOLE.NOT_FOUND':
    case 'CONSOLE.UNKNOWN_USER':
      return 404;
    case 'CONSOLE.INVALID_INPUT':
    case 'CONSOLE.UNKNOWN_STATE':
      return 400;
    default:
      return 409;
  }
}
