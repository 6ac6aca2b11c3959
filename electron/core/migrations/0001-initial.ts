import type { Migration } from './migration.ts';

/**
 * Configuration tables are replaced whenever the server (or the demo seed) sends a new
 * configuration; ratings and events are append-only and never reference configuration by
 * foreign key, so no configuration change can remove a recorded rating.
 */
export const m0001Initial: Migration = {
  version: 1,
  name: '0001-initial',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE agencies (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        sort_order INTEGER NOT NULL,
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
      ) STRICT;

      CREATE TABLE officers (
        id TEXT PRIMARY KEY,
        full_name TEXT NOT NULL,
        agency_id TEXT NOT NULL REFERENCES agencies (id),
        sort_order INTEGER NOT NULL,
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        pin_hash TEXT
      ) STRICT;

      -- Wrong-PIN counters per officer id, or 'technician'.
      CREATE TABLE pin_attempts (
        subject TEXT PRIMARY KEY,
        failures INTEGER NOT NULL,
        locked_until_ms INTEGER
      ) STRICT;

      CREATE TABLE counters (
        id TEXT PRIMARY KEY,
        number INTEGER NOT NULL UNIQUE,
        name TEXT NOT NULL
      ) STRICT;

      CREATE TABLE rating_levels (
        code TEXT PRIMARY KEY,
        label TEXT NOT NULL,
        sort_order INTEGER NOT NULL,
        low INTEGER NOT NULL CHECK (low IN (0, 1))
      ) STRICT;

      CREATE TABLE rating_reasons (
        code TEXT PRIMARY KEY,
        label TEXT NOT NULL,
        sort_order INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE duty (
        counter_id TEXT PRIMARY KEY,
        officer_id TEXT NOT NULL UNIQUE,
        agency_id TEXT NOT NULL,
        signed_in_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE ratings (
        id TEXT PRIMARY KEY,
        occurred_at TEXT NOT NULL,
        officer_id TEXT NOT NULL,
        agency_id TEXT NOT NULL,
        counter_id TEXT,
        ticket_id TEXT UNIQUE,
        level TEXT NOT NULL,
        reasons TEXT,
        misuse INTEGER NOT NULL DEFAULT 0 CHECK (misuse IN (0, 1))
      ) STRICT;
      CREATE INDEX ratings_walk_up ON ratings (counter_id, occurred_at) WHERE ticket_id IS NULL;

      CREATE TABLE events (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL,
        occurred_at TEXT NOT NULL,
        body TEXT NOT NULL,
        sent_at TEXT
      ) STRICT;
      CREATE INDEX events_unsent ON events (seq) WHERE sent_at IS NULL;
    `);
  },
};
