import type { NumberLease } from '../../../shared/domain/queue-leases.ts';
import type { Db } from '../database.ts';

interface LeaseRow {
  service_id: string;
  day: string;
  first_index: number;
  count: number;
  next_index: number;
}

/** The blocks of numbers the server leased to this kiosk (issue 8 §2), per service and day. */
export class NumberLeases {
  private readonly selectOpen;
  private readonly advance;
  private readonly insert;

  constructor(private readonly db: Db) {
    this.selectOpen = db.prepare<[string, string], LeaseRow>(
      `SELECT * FROM number_leases WHERE service_id = ? AND day = ? AND next_index < first_index + count
        ORDER BY first_index LIMIT 1`,
    );
    this.advance = db.prepare<[string, string, number]>(
      'UPDATE number_leases SET next_index = next_index + 1 WHERE service_id = ? AND day = ? AND first_index = ?',
    );
    this.insert = db.prepare<[string, string, number, number, number]>(
      `INSERT INTO number_leases (service_id, day, first_index, count, next_index) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (service_id, day, first_index) DO NOTHING`,
    );
  }

  /** Takes the next leased position of a service's day, or null when none is left. Call inside a transaction. */
  take(serviceId: string, day: string): number | null {
    const lease = this.selectOpen.get(serviceId, day);
    if (!lease) return null;
    this.advance.run(serviceId, day, lease.first_index);
    return lease.next_index;
  }

  /** Stores leases from a sync response; one already held is kept as it is (idempotent). */
  save(leases: readonly NumberLease[]): void {
    this.db.transaction(() => {
      for (const l of leases) this.insert.run(l.serviceId, l.day, l.firstIndex, l.count, l.firstIndex);
    })();
  }

  /** Positions still unused per service for one day. */
  remaining(day: string): Map<string, number> {
    const rows = this.db
      .prepare<[string], { service_id: string; n: number }>(
        'SELECT service_id, sum(first_index + count - next_index) AS n FROM number_leases WHERE day = ? GROUP BY service_id',
      )
      .all(day);
    return new Map(rows.map((r) => [r.service_id, r.n]));
  }

  /** Leases of days before `day` are of no more use. */
  dropBefore(day: string): void {
    this.db.prepare('DELETE FROM number_leases WHERE day < ?').run(day);
  }
}
