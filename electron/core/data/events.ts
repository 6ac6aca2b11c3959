import type { Db } from '../database.ts';

/**
 * The `events` table: the append-only log that is also the outbox. Bodies are returned as the
 * stored JSON text; the outbox and the sync store parse them.
 */
export interface EventsData {
  nextSeq(): number;
  insert(seq: number, id: string, type: string, occurredAt: string, body: string): void;
  /** Every body after `afterSeq`, oldest first, read lazily (the export file). */
  bodiesAfter(afterSeq: number): IterableIterator<string>;
  unsent(limit: number): string[];
  countUnsent(): number;
  /** Unsent events after `seq` (those not yet on an export file). */
  countUnsentAfter(seq: number): number;
  markSent(id: string, at: string): void;
  /** Never sent, and not refused under the configuration epoch `epoch` (migration 0003). */
  sendable(epoch: number, limit: number): string[];
  countSendable(epoch: number): number;
  countRejected(epoch: number): number;
  markRejected(id: string, reason: string, at: string, epoch: number): void;
}

export function prepareEvents(db: Db): EventsData {
  const nextSeq = db.prepare<[], { seq: number }>('SELECT coalesce(max(seq), 0) + 1 AS seq FROM events');
  const insert = db.prepare<[number, string, string, string, string]>(
    'INSERT INTO events (seq, id, type, occurred_at, body) VALUES (?, ?, ?, ?, ?)',
  );
  const selectAfter = db.prepare<[number], { body: string }>('SELECT body FROM events WHERE seq > ? ORDER BY seq');
  const selectUnsent = db.prepare<[number], { body: string }>(
    'SELECT body FROM events WHERE sent_at IS NULL ORDER BY seq LIMIT ?',
  );
  const countUnsent = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM events WHERE sent_at IS NULL');
  const countUnsentAfter = db.prepare<[number], { n: number }>(
    'SELECT count(*) AS n FROM events WHERE sent_at IS NULL AND seq > ?',
  );
  const markSent = db.prepare<[string, string]>('UPDATE events SET sent_at = ? WHERE id = ? AND sent_at IS NULL');
  const sendable = `sent_at IS NULL AND (rejected_reason IS NULL OR rejected_config_version < ?)`;
  const selectSendable = db.prepare<[number, number], { body: string }>(
    `SELECT body FROM events WHERE ${sendable} ORDER BY seq LIMIT ?`,
  );
  const countSendable = db.prepare<[number], { n: number }>(`SELECT count(*) AS n FROM events WHERE ${sendable}`);
  const countRejected = db.prepare<[number], { n: number }>(
    `SELECT count(*) AS n FROM events
      WHERE sent_at IS NULL AND rejected_reason IS NOT NULL AND rejected_config_version >= ?`,
  );
  const markRejected = db.prepare<[string, string, number, string]>(
    `UPDATE events SET rejected_reason = ?, rejected_at = ?, rejected_config_version = ?
      WHERE id = ? AND sent_at IS NULL`,
  );
  return {
    nextSeq: () => nextSeq.get()!.seq,
    insert: (seq, id, type, occurredAt, body) => void insert.run(seq, id, type, occurredAt, body),
    bodiesAfter: function* (afterSeq) {
      for (const row of selectAfter.iterate(afterSeq)) yield row.body;
    },
    unsent: (limit) => selectUnsent.all(limit).map((row) => row.body),
    countUnsent: () => countUnsent.get()!.n,
    countUnsentAfter: (seq) => countUnsentAfter.get(seq)!.n,
    markSent: (id, at) => void markSent.run(at, id),
    sendable: (epoch, limit) => selectSendable.all(epoch, limit).map((row) => row.body),
    countSendable: (epoch) => countSendable.get(epoch)!.n,
    countRejected: (epoch) => countRejected.get(epoch)!.n,
    markRejected: (id, reason, at, epoch) => void markRejected.run(reason, at, epoch, id),
  };
}
