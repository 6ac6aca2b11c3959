import type { BoardCall } from '../../shared/contract/console-api.ts';
import { ANY_TICKET_NUMBER, isServiceNumber } from '../../shared/domain/queue-leases.ts';
import { readQueueConfig } from '../config/config-repo.ts';
import type { Db } from '../db/database.ts';
import { RECENT_CALLS } from './board-model.ts';

export type TimedCall = BoardCall & { ms: number };

/**
 * Calls as the board shows them, read from the call projection (`queue_calls`): the counter and
 * the number only. A call whose ticket or counter the server does not know is not shown.
 */
function callRows(db: Db) {
  return db
    .selectFrom('queue_calls as c')
    .innerJoin('queue_tickets as t', 't.ticket_id', 'c.ticket_id')
    .innerJoin('counters as k', 'k.id', 'c.counter_id')
    .select([
      'c.event_id',
      'c.called_ms',
      't.number',
      't.service_id',
      'k.number as counter_number',
      'k.name as counter_name',
    ]);
}

type CallRow = {
  event_id: string;
  called_ms: number;
  number: string;
  service_id: string;
  counter_number: number;
  counter_name: string;
};

/**
 * Only a number the centre's services really print reaches the public screen (issue 9 item 11):
 * a device token could otherwise put any 16 characters on the waiting-room TV. Any service, not
 * only the calling one: a transferred citizen keeps the number the first service printed. A
 * service the server no longer lists is held to the general shape of a ticket number.
 */
async function printable(db: Db, centreId: number): Promise<(row: CallRow) => boolean> {
  const services = (await readQueueConfig(db, centreId)).services;
  const known = new Set(services.map((s) => s.id));
  return (row) =>
    known.has(row.service_id)
      ? services.some((service) => isServiceNumber(service, row.number))
      : ANY_TICKET_NUMBER.test(row.number);
}

/** Oldest first; ties (same instant) in event id order, so the result never flips. */
async function timed(db: Db, rows: readonly CallRow[], centreId: number): Promise<TimedCall[]> {
  const shown = await printable(db, centreId);
  const byId = new Map(rows.filter(shown).map((r) => [r.event_id, r]));
  return [...byId.values()]
    .sort((a, b) => a.called_ms - b.called_ms || (a.event_id < b.event_id ? -1 : 1))
    .map((r) => ({
      counterNumber: r.counter_number,
      counterName: r.counter_name,
      number: r.number,
      calledAt: new Date(r.called_ms).toISOString(),
      ms: r.called_ms,
    }));
}

/**
 * What one centre's board needs of a day: each of its counters' latest call and its latest
 * calls overall. Both come from indexes on (day, …), so the cost follows the counters, not the
 * day's events.
 */
export async function boardCallsOfDay(db: Db, day: string, centreId: number): Promise<TimedCall[]> {
  // Each counter's latest call: one step down the index (day, counter_id, called_ms, event_id).
  const latest = db
    .selectFrom('counters as k2')
    .where('k2.centre_id', '=', centreId)
    .select((eb) =>
      eb
        .selectFrom('queue_calls as q')
        .select('q.event_id')
        .where('q.day', '=', day)
        .whereRef('q.counter_id', '=', 'k2.id')
        .orderBy('q.called_ms', 'desc')
        .orderBy('q.event_id', 'desc')
        .limit(1)
        .as('event_id'),
    );
  const [current, recent] = await Promise.all([
    callRows(db).where('c.event_id', 'in', latest).execute(),
    callRows(db)
      .where('c.centre_id', '=', centreId)
      .where('c.day', '=', day)
      .orderBy('c.called_ms', 'desc')
      .orderBy('c.event_id', 'desc')
      .limit(RECENT_CALLS)
      .execute(),
  ]);
  return timed(db, [...current, ...recent], centreId);
}

/** One centre's calls among the given events (a batch just stored), oldest first. */
export async function callsOfEvents(db: Db, eventIds: readonly string[], centreId: number): Promise<TimedCall[]> {
  if (eventIds.length === 0) return [];
  const rows: CallRow[] = [];
  for (let i = 0; i < eventIds.length; i += 200) {
    rows.push(
      ...(await callRows(db)
        .where('c.centre_id', '=', centreId)
        .where('c.event_id', 'in', eventIds.slice(i, i + 200))
        .execute()),
    );
  }
  return timed(db, rows, centreId);
}
