import type { Migration } from './migration.ts';

/**
 * One queue for the whole centre (issue 8 §2).
 * - A service may be served by several counters (`queue_service_counters`).
 * - `tickets.counter_id` becomes the counter whose queue a ticket is in: the pinned counter, or
 *   NULL for an unpinned ticket (entrance, transfer to a service) until a counter calls it.
 *   `origin_device` is NULL for tickets this kiosk wrote and the issuing device's id for the
 *   replica rows the server pushes; `day_index` stays NULL on replicas (they use none of this
 *   kiosk's numbers).
 * - `number_leases`: the blocks of numbers the server leased to this kiosk per service and day.
 *
 * Numbered 0005 by the lead (h8a owns 0004); `version` is its place in this branch's list and
 * is set to 5 when 0004 lands.
 */
export const m0005CentreQueue: Migration = {
  version: 5,
  name: '0005-centre-queue',
  up(db) {
    db.exec(`
      CREATE TABLE queue_service_counters (
        service_id TEXT NOT NULL,
        counter_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (service_id, counter_id)
      ) STRICT;
      CREATE INDEX queue_service_counters_counter ON queue_service_counters (counter_id);
      INSERT INTO queue_service_counters (service_id, counter_id, position) SELECT id, counter_id, 0 FROM queue_services;

      CREATE TABLE tickets_new (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        day TEXT NOT NULL,
        service_id TEXT NOT NULL,
        counter_id TEXT,
        pinned INTEGER NOT NULL DEFAULT 1 CHECK (pinned IN (0, 1)),
        origin_device TEXT,
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
        printed INTEGER NOT NULL DEFAULT 0 CHECK (printed IN (0, 1)),
        -- 1: issued while the server was unreachable for a counter that is not this kiosk's.
        waits_for_connection INTEGER NOT NULL DEFAULT 0 CHECK (waits_for_connection IN (0, 1))
      ) STRICT;
      INSERT INTO tickets_new (seq, id, day, service_id, counter_id, number, day_index, priority, status, issued_at,
                               called_at, started_at, finished_at, officer_id, agency_id, transferred_from,
                               transferred_to, printed)
        SELECT seq, id, day, service_id, counter_id, number, day_index, priority, status, issued_at, called_at,
               started_at, finished_at, officer_id, agency_id, transferred_from, transferred_to, printed
          FROM tickets;
      DROP TABLE tickets;
      ALTER TABLE tickets_new RENAME TO tickets;
      CREATE UNIQUE INDEX tickets_numbering ON tickets (service_id, day, day_index) WHERE day_index IS NOT NULL;
      CREATE INDEX tickets_open ON tickets (counter_id, status, day);
      CREATE INDEX tickets_waiting_service ON tickets (service_id, day) WHERE status = 'waiting';
      CREATE INDEX tickets_finished ON tickets (counter_id, finished_at) WHERE status = 'done';

      CREATE TABLE number_leases (
        service_id TEXT NOT NULL,
        day TEXT NOT NULL,
        first_index INTEGER NOT NULL CHECK (first_index >= 0),
        count INTEGER NOT NULL CHECK (count >= 1),
        -- The next position of this block to issue; first_index + count when used up.
        next_index INTEGER NOT NULL,
        PRIMARY KEY (service_id, day, first_index)
      ) STRICT;
    `);
  },
};
