import type { Migration } from './migration.ts';

/**
 * Rate later from the phone (issue 11 §3): each ticket this kiosk issues carries an
 * unguessable token for its QR; `tickets_rated_elsewhere` holds the tickets the server says
 * were rated from the phone, so this kiosk's own prompt refuses a second rating.
 */
export const m0006PhoneRating: Migration = {
  version: 6,
  name: '0006-phone-rating',
  up(db) {
    db.exec(`
      ALTER TABLE tickets ADD COLUMN rating_token TEXT;
      CREATE TABLE tickets_rated_elsewhere (
        ticket_id TEXT PRIMARY KEY,
        channel TEXT NOT NULL
      ) STRICT;
    `);
  },
};
