import { v7 as uuidv7 } from 'uuid';
import type { KioskEvent, NewKioskEvent } from '../../shared/domain/events.ts';
import type { Db } from './database.ts';
import { openKioskData } from './data/index.ts';
import type { EventsData } from './data/events.ts';

/**
 * The append-only event log, which is also the outbox the sync sends. Callers append inside
 * the same transaction as the change the event describes, so the two can never disagree.
 */
export class Outbox {
  private readonly events: EventsData;

  constructor(private readonly db: Db) {
    this.events = openKioskData(db).events;
  }

  static newId(): string {
    return uuidv7();
  }

  /** Must run inside the caller's transaction. */
  append<E extends NewKioskEvent>(event: E): E & { seq: number } {
    if (!this.db.inTransaction) throw new Error('Outbox.append must run inside a transaction');
    const seq = this.events.nextSeq();
    const stored = { ...event, seq } as E & { seq: number };
    this.events.insert(seq, stored.id, stored.type, stored.occurredAt, JSON.stringify(stored));
    return stored;
  }

  /** Every event after `afterSeq`, oldest first (the export file). */
  *all(afterSeq = 0): Generator<KioskEvent> {
    for (const body of this.events.bodiesAfter(afterSeq)) yield JSON.parse(body) as KioskEvent;
  }

  unsent(limit: number): KioskEvent[] {
    return this.events.unsent(limit).map((body) => JSON.parse(body) as KioskEvent);
  }

  pendingCount(): number {
    return this.events.countUnsent();
  }

  /** Marks events the server accepted or already had; unknown ids are ignored. */
  markDelivered(ids: readonly string[], at: string): void {
    this.db.transaction(() => {
      for (const id of ids) this.events.markSent(id, at);
    })();
  }
}
