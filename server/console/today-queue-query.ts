import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { QueueCountRow, QueueActiveRow } from './today-model.ts';

/**
 * Today's queue as the Today page needs it, from the projections written at ingest
 * (`queue_tickets`, `queue_calls`): counts by status from a covering index, and the few tickets
 * being called or served. Nothing here grows with the day's events beyond an index count.
 */
export async function queueOfDay(db: Db, day: string): Promise<{ counts: QueueCountRow[]; active: QueueActiveRow[] }> {
  const counts = await db
    .selectFrom('queue_tickets')
    .select([
      'status',
      'service_id',
      'counter_id',
      'pinned_counter_id',
      sql<number>`CASE WHEN transferred_from IS NULL THEN 0 ELSE 1 END`.as('transferred'),
      sql<number>`count(*)`.as('n'),
    ])
    .where('day', '=', day)
    .groupBy(['status', 'service_id', 'counter_id', 'pinned_counter_id', sql`CASE WHEN transferred_from IS NULL THEN 0 ELSE 1 END`])
    .execute();
  const tickets = await db
    .selectFrom('queue_tickets')
    .select(['ticket_id', 'number', 'counter_id', 'status', 'called_at', 'called_ms', 'started_at'])
    .where('day', '=', day)
    .where('status', 'in', ['called', 'serving'])
    .execute();
  // A recall shows the time of the recall.
  const lastCall = new Map<string, { ms: number; at: string }>();
  const ids = tickets.map((t) => t.ticket_id);
  for (let i = 0; i < ids.length; i += 200) {
    const calls = await db
      .selectFrom('queue_calls')
      .select(['ticket_id', 'called_at', 'called_ms'])
      .where('ticket_id', 'in', ids.slice(i, i + 200))
      .execute();
    for (const call of calls) {
      const shown = lastCall.get(call.ticket_id);
      if (!shown || shown.ms < Number(call.called_ms)) lastCall.set(call.ticket_id, { ms: Number(call.called_ms), at: call.called_at });
    }
  }
  return {
    counts: counts.map((r) => ({
      status: r.status,
      serviceId: r.service_id,
      counterId: r.counter_id,
      pinnedCounterId: r.pinned_counter_id,
      transferred: Number(r.transferred) === 1,
      n: Number(r.n),
    })),
    active: tickets
      .filter((t) => t.counter_id !== null)
      .map((t) => ({
        number: t.number,
        counterId: t.counter_id!,
        status: t.status as 'called' | 'serving',
        since: t.status === 'serving' ? (t.started_at ?? t.called_at ?? '') : (lastCall.get(t.ticket_id)?.at ?? t.called_at ?? ''),
      })),
  };
}

/** deviceId → the counter of its latest call today (where a kiosk stands now, if it called). */
export async function deviceCountersOfDay(db: Db, day: string): Promise<Map<string, string>> {
  const latest = db
    .selectFrom('queue_calls')
    .select(['device_id', sql<number>`max(called_ms)`.as('ms')])
    .where('day', '=', day)
    .groupBy('device_id');
  const rows = await db
    .selectFrom('queue_calls as c')
    .innerJoin(latest.as('l'), (join) => join.onRef('l.device_id', '=', 'c.device_id').onRef('l.ms', '=', 'c.called_ms'))
    .select(['c.device_id', 'c.counter_id', 'c.event_id'])
    .where('c.day', '=', day)
    .orderBy('c.event_id')
    .execute();
  return new Map(rows.map((r) => [r.device_id, r.counter_id]));
}
