import type { Migration } from './migration.ts';

/**
 * Duty and the rating window survive what a real day brings (issue 8 §3): `last_active_at`
 * lets a forgotten sign-in end after the centre's idle time, and `rating_windows` keeps the
 * 30 s "please rate" window of a just-finished ticket across a kiosk restart.
 */
export const m0004DutyAndRatingWindow: Migration = {
  version: 4,
  name: '0004-duty-and-rating-window',
  up(db) {
    db.exec(`
      ALTER TABLE duty ADD COLUMN last_active_at TEXT;
      CREATE TABLE rating_windows (
        counter_id TEXT PRIMARY KEY,
        ticket_id TEXT NOT NULL,
        number TEXT NOT NULL,
        until TEXT NOT NULL
      ) STRICT;
    `);
  },
};
