import type { Migration } from './migration.ts';

/** The dossier code (mã hồ sơ) entered at the finish waits with the rating window for the rating (issue 11 §4). */
export const m0007RatingFunnel: Migration = {
  version: 7,
  name: '0007-rating-funnel',
  up(db) {
    db.exec('ALTER TABLE rating_windows ADD COLUMN dossier_code TEXT;');
  },
};
