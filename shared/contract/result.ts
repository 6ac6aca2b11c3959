/** Every call across the kiosk contract answers with a Result, never a thrown error. */
export type ErrorCode =
  | 'invalid_input'
  | 'unknown_channel'
  | 'not_found'
  | 'wrong_pin'
  | 'locked_out'
  | 'no_officer_on_duty'
  | 'no_counter'
  | 'unknown_level'
  | 'already_rated'
  | 'conflict'
  | 'unavailable'
  | 'internal';

export interface AppError {
  code: ErrorCode;
  /** Vietnamese, written for the person in front of the screen. */
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string): { ok: false; error: AppError } => ({
  ok: false,
  error: { code, message },
});

/** A domain failure thrown inside the core and turned into `{ ok: false }` at the boundary. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
