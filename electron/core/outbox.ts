import { v7 as uuidv7 } from 'uuid';
import type { KioskEvent, NewKioskEvent } from '../../shared/domain/events.ts';
import type { Db } from './database.ts';

/**
 * The append-only event log, which is also the outbox the sync sends. Callers append inside
 * the same transaction as the change the event describes, so the two can never disagree.
 */
export class Outbox {
  private readonly nextSeq;
  private readonly insert;
  private readonly selectAll;
  private readonly selectUnsent;
  private readonly countUnsent;
  private readonly markSent;

  constructor(private readonly db: Db) {
    this.nextSeq = db.prepare<[], { seq: number }>('SELECT coalesce(max(seq), 0) + 1 AS seq FROM events');
    this.insert = db.prepare('INSERT INTO events (seq, id, type, occurred_at, body) VALUES (?, ?, ?, ?, ?)');
    this.selectAll = db.prepare<[number], { body: string }>('SELECT body FROM events WHERE seq > ? ORDER BY seq');
    this.selectUnsent = db.prepare<[number], { body: string }>(
      'SELECT body FROM events WHERE sent_at IS NULL ORDER BY seq LIMIT ?',
    );
    this.countUnsent = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM events WHERE sent_at IS NULL');
    this.markSent = db.prepare('UPDATE events SET sent_at = ? WHERE id = ? AND sent_at IS NULL');
  }

  static newId(): string {
    return uuidv7();
  }

  /** Must run inside the caller's transaction. */
  append<E extends NewKioskEvent>(event: E): E & { seq: number } {
    if (!this.db.inTransaction) throw new Error('Outbox.append must run inside a transaction');
    const seq = this.nextSeq.get()!.seq;
    const stored = { ...event, seq } as E & { seq: number };
    this.insert.run(seq, stored.id, stored.type, stored.occurredAt, JSON.stringify(stored));
    return stored;
  }

  /** Every event after `afterSeq`, oldest first (the export file). */
  *all(afterSeq = 0): Generator<KioskEvent> {
    for (const row of this.selectAll.iterate(afterSeq)) yield JSON.parse(row.body) as KioskEvent;
  }

  unsent(limit: number): KioskEvent[] {
    return this.selectUnsent.all(limit).map((row) => JSON.parse(row.body) as KioskEvent);
  }

  pendingCount(): number {
    return this.countUnsent.get()!.n;
  }

  /** Marks events the server accepted or already had; unknown ids are ignored. */
  markDelivered(ids: readonly string[], at: string): void {
    this.db.transaction(() => {
      for (const id of ids) this.markSent.run(at, id);
    })();
  }
}
