import type { Migration } from './migration.ts';

/**
 * The queue: services and priority categories are configuration (replaced as a whole);
 * tickets are local records whose every change is also an event in the outbox. The ordering
 * rule and queue options live in `settings` under `queue.options`.
 */
export const m0002Queue: Migration = {
  version: 2,
  name: '0002-queue',
  up(db) {
    db.exec(`
      CREATE TABLE queue_services (
        id TEXT PRIMARY KEY,
        counter_id TEXT NOT NULL,
        name TEXT NOT NULL,
        prefix TEXT NOT NULL DEFAULT '' CHECK (length(prefix) <= 1),
        start_number INTEGER NOT NULL CHECK (start_number >= 0),
        end_number INTEGER NOT NULL CHECK (end_number >= start_number),
        step INTEGER NOT NULL CHECK (step >= 1),
        daily_cap INTEGER NOT NULL CHECK (daily_cap >= 1),
        sort_order INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX queue_services_counter ON queue_services (counter_id, sort_order);

      CREATE TABLE queue_priorities (
        code TEXT PRIMARY KEY,
        label TEXT NOT NULL,
        sort_order INTEGER NOT NULL
      ) STRICT;

      -- day: the Vietnam calendar day whose numbering the ticket belongs to.
      -- day_index: position in that day's sequence of the service; NULL for a ticket created by a
      -- transfer, which keeps the citizen's number and consumes none of the target's.
      CREATE TABLE tickets (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        day TEXT NOT NULL,
        service_id TEXT NOT NULL,
        counter_id TEXT NOT NULL,
        number TEXT NOT NULL,
        day_index INTEGER,
        priority TEXT,
        status TEXT NOT NULL CHECK (status IN ('waiting', 'called', 'serving', 'done', 'no_show', 'transferred', 'cancelled')),
        issued_at TEXT NOT NULL,
        called_at TEXT,
        started_at TEXT,
        finished_at TEXT,
        officer_id TEXT,
        agency_id TEXT,
        transferred_from TEXT,
        transferred_to TEXT,
        -- 1 once a paper ticket came out; waiting tickets with 0 are offered for reprint.
        printed INTEGER NOT NULL DEFAULT 0 CHECK (printed IN (0, 1))
      ) STRICT;
      CREATE UNIQUE INDEX tickets_numbering ON tickets (service_id, day, day_index) WHERE day_index IS NOT NULL;
      CREATE INDEX tickets_open ON tickets (counter_id, status, day);
      CREATE INDEX tickets_finished ON tickets (counter_id, finished_at) WHERE status = 'done';
    `);
  },
};
