import type { Db } from '../database.ts';

export interface LeaseRow {
  service_id: string;
  day: string;
  first_index: number;
  count: number;
  next_index: number;
}

/** The `number_leases` table: blocks of numbers the server leased to this kiosk (issue 8 §2). */
export interface NumberLeasesData {
  /** The first lease of a service's day with a position left. */
  open(serviceId: string, day: string): LeaseRow | null;
  advance(serviceId: string, day: string, firstIndex: number): void;
  /** Stores a lease; one already held is kept as it is. */
  insert(serviceId: string, day: string, firstIndex: number, count: number): void;
  remaining(day: string): { service_id: string; n: number }[];
  dropBefore(day: string): void;
}

export function prepareNumberLeases(db: Db): NumberLeasesData {
  const selectOpen = db.prepare<[string, string], LeaseRow>(
    `SELECT * FROM number_leases WHERE service_id = ? AND day = ? AND next_index < first_index + count
      ORDER BY first_index LIMIT 1`,
  );
  const advance = db.prepare<[string, string, number]>(
    'UPDATE number_leases SET next_index = next_index + 1 WHERE service_id = ? AND day = ? AND first_index = ?',
  );
  const insert = db.prepare<[string, string, number, number, number]>(
    `INSERT INTO number_leases (service_id, day, first_index, count, next_index) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (service_id, day, first_index) DO NOTHING`,
  );
  const selectRemaining = db.prepare<[string], { service_id: string; n: number }>(
    'SELECT service_id, sum(first_index + count - next_index) AS n FROM number_leases WHERE day = ? GROUP BY service_id',
  );
  const dropBefore = db.prepare<[string]>('DELETE FROM number_leases WHERE day < ?');
  return {
    open: (serviceId, day) => selectOpen.get(serviceId, day) ?? null,
    advance: (serviceId, day, firstIndex) => void advance.run(serviceId, day, firstIndex),
    insert: (serviceId, day, firstIndex, count) => void insert.run(serviceId, day, firstIndex, count, firstIndex),
    remaining: (day) => selectRemaining.all(day),
    dropBefore: (day) => void dropBefore.run(day),
  };
}
