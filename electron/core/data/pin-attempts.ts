import type { Db } from '../database.ts';

export interface PinAttempts {
  failures: number;
  locked_until_ms: number | null;
}

/** The `pin_attempts` table: wrong PINs per subject since its last success, and its lock. */
export interface PinAttemptsData {
  get(subject: string): PinAttempts | undefined;
  record(subject: string, failures: number, lockedUntilMs: number | null): void;
  clear(subject: string): void;
  /** Subjects locked at `nowMs`, and until when. */
  lockedAt(nowMs: number): { subject: string; untilMs: number }[];
}

export function preparePinAttempts(db: Db): PinAttemptsData {
  const select = db.prepare<[string], PinAttempts>(
    'SELECT failures, locked_until_ms FROM pin_attempts WHERE subject = ?',
  );
  const upsert = db.prepare<[string, number, number | null]>(
    `INSERT INTO pin_attempts (subject, failures, locked_until_ms) VALUES (?, ?, ?)
     ON CONFLICT (subject) DO UPDATE SET failures = excluded.failures, locked_until_ms = excluded.locked_until_ms`,
  );
  const remove = db.prepare<[string]>('DELETE FROM pin_attempts WHERE subject = ?');
  const selectLocked = db.prepare<[number], { subject: string; untilMs: number }>(
    'SELECT subject, locked_until_ms AS untilMs FROM pin_attempts WHERE locked_until_ms > ? ORDER BY subject',
  );
  return {
    get: (subject) => select.get(subject),
    record: (subject, failures, lockedUntilMs) => void upsert.run(subject, failures, lockedUntilMs),
    clear: (subject) => void remove.run(subject),
    lockedAt: (nowMs) => selectLocked.all(nowMs),
  };
}
