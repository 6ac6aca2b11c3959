import type { NumberLease } from '../../../shared/domain/queue-leases.ts';
import type { Db } from '../database.ts';
import { openKioskData } from '../data/index.ts';
import type { NumberLeasesData } from '../data/number-leases.ts';

/** The blocks of numbers the server leased to this kiosk (issue 8 §2), per service and day. */
export class NumberLeases {
  private readonly rows: NumberLeasesData;

  constructor(private readonly db: Db) {
    this.rows = openKioskData(db).numberLeases;
  }

  /** Takes the next leased position of a service's day, or null when none is left. Call inside a transaction. */
  take(serviceId: string, day: string): number | null {
    const lease = this.rows.open(serviceId, day);
    if (!lease) return null;
    this.rows.advance(serviceId, day, lease.first_index);
    return lease.next_index;
  }

  /** Stores leases from a sync response; one already held is kept as it is (idempotent). */
  save(leases: readonly NumberLease[]): void {
    this.db.transaction(() => {
      for (const l of leases) this.rows.insert(l.serviceId, l.day, l.firstIndex, l.count);
    })();
  }

  /** Positions still unused per service for one day. */
  remaining(day: string): Map<string, number> {
    return new Map(this.rows.remaining(day).map((r) => [r.service_id, r.n]));
  }

  /** Leases of days before `day` are of no more use. */
  dropBefore(day: string): void {
    this.rows.dropBefore(day);
  }
}
