import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { QueueActiveRow, QueueIssuedRow, QueueWaitingRow } from './today-model.ts';

/**
 * Today's queue as the Today page needs it, from the projections written at ingest
 * (`queue_tickets`, `queue_calls`): the tickets waiting or being served (few), and the day's
 * issued tickets as running totals (`issued_daily`), never re-reading or counting the day.
 */
export async function queueOfDay(
  db: Db,
  day: string,
): Promise<{ issued: QueueIssuedRow[]; waiting: QueueWaitingRow[]; active: QueueActiveRow[] }> {
  const issued = await db
    .selectFrom('issued_daily')
    .select(['centre_id', 'pinned_counter_id', 'service_id', 'n'])
    .where('day', '=', day)
    .execute();
  const waiting = await db
    .selectFrom('queue_tickets')
    .select(['centre_id', 'service_id', 'counter_id', 'pinned_counter_id', sql<number>`count(*)`.as('n')])
    .where('day', '=', day)
    .where('status', '=', 'waiting')
    .groupBy(['centre_id', 'service_id', 'counter_id', 'pinned_counter_id'])
    .execute();
  const tickets = await db
    .selectFrom('queue_tickets')
    .select(['ticket_id', 'number', 'counter_id', 'status', 'called_at', 'started_at'])
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
      const ms = call.called_ms;
      const shown = lastCall.get(call.ticket_id);
      if (!shown || shown.ms < ms) lastCall.set(call.ticket_id, { ms, at: call.called_at });
    }
  }
  return {
    issued: issued.map((r) => ({
      centreId: r.centre_id,
      serviceId: r.service_id,
      pinnedCounterId: r.pinned_counter_id === '' ? null : r.pinned_counter_id,
      n: r.n,
    })),
    waiting: waiting.map((r) => ({
      centreId: r.centre_id,
      serviceId: r.service_id,
      counterId: r.counter_id,
      pinnedCounterId: r.pinned_counter_id,
      n: r.n,
    })),
    active: tickets
      .filter((t) => t.counter_id !== null)
      .map((t) => ({
        number: t.number,
        counterId: t.counter_id!,
        status: t.status as 'called' | 'serving',
        since:
          t.status === 'serving'
            ? (t.started_at ?? t.called_at ?? '')
            : (lastCall.get(t.ticket_id)?.at ?? t.called_at ?? ''),
      })),
  };
}

/** deviceId → the counter of its latest call today (where a kiosk stands now, if it called). */
export async function deviceCountersOfDay(
  db: Db,
  day: string,
  centreId: number | null = null,
): Promise<Map<string, string>> {
  // One index step per device (day, device_id, called_ms, counter_id), not a pass over the day.
  let devices = db.selectFrom('devices as d');
  if (centreId !== null) devices = devices.where('d.centre_id', '=', centreId);
  const rows = await devices
    .select((eb) => [
      'd.id',
      eb
        .selectFrom('queue_calls as c')
        .select('c.counter_id')
        .where('c.day', '=', day)
        .whereRef('c.device_id', '=', 'd.id')
        .orderBy('c.called_ms', 'desc')
        .orderBy('c.counter_id', 'desc')
        .limit(1)
        .as('counter_id'),
    ])
    .execute();
  const out = new Map<string, string>();
  for (const row of rows) if (row.counter_id !== null) out.set(row.id, row.counter_id);
  return out;
}
