import type { Migration } from './migration.ts';

/** Issue 10: the photo of the officer on duty, shown on the idle screen (delivered with the configuration). */
export const m0008OfficerPhoto: Migration = {
  version: 8,
  name: '0008-officer-photo',
  up(db) {
    db.exec('ALTER TABLE officers ADD COLUMN photo TEXT;');
  },
};
