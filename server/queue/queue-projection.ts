import { PostgresAdapter, sql } from 'kysely';
import type { QueueTicketSnapshot } from '../../shared/contract/queue-sync.ts';
import type { KioskEvent } from '../../shared/domain/events.ts';
import { NO_SHOW_UNDO_MS, type TicketStatus } from '../../shared/domain/queue-state.ts';
import { instantMs } from '../../shared/domain/plausible-instant.ts';
import { vietnamDay } from '../../shared/domain/vietnam-time.ts';
import { keepIssued } from '../aggregates/keep.ts';
import type { Db } from '../db/database.ts';
import type { ServerSchema } from '../db/schema.ts';
import type { QueueDevice } from './device-centre.ts';

type Row = ServerSchema['queue_tickets'];

const RANK: Record<string, number> = {
  waiting: 0,
  called: 1,
  serving: 2,
  done: 3,
  no_show: 3,
  transferred: 3,
  cancelled: 3,
};

/** Any advisory-lock key will do as long as only the queue feed uses it. */
const FEED_LOCK_KEY = 72_008_002;

/** An event the projection reads, with the position of an issued ticket's number (set by the lease check). */
export interface QueueEvent {
  event: KioskEvent;
  ms: number;
  dayIndex?: number | null;
}

function snapshotOf(row: Row): Omit<QueueTicketSnapshot, 'feedSeq'> {
  return {
    ticketId: row.ticket_id,
    day: row.day,
    serviceId: row.service_id,
    number: row.number,
    priority: row.priority,
    pinnedCounterId: row.pinned_counter_id,
    status: row.status as TicketStatus,
    counterId: row.counter_id,
    issuedAt: row.issued_at,
    calledAt: row.called_at,
    officerId: row.officer_id,
    transferredFrom: row.transferred_from,
    transferredTo: row.transferred_to,
    issuingDevice: row.issuing_device,
  };
}

function ticketIdOf(event: KioskEvent): string | undefined {
  return 'ticketId' in event ? event.ticketId : undefined;
}

/**
 * An undone `Vắng mặt` is plausible only for a ticket this counter marked no-show, and only
 * within NO_SHOW_UNDO_MS of it by the kiosk's own clock (both instants come from it). Anything
 * else (a ticket served meanwhile, an undo an hour later) is stored but changes nothing.
 */
function plausibleUndo(row: Row, counterId: string, occurredAt: string): boolean {
  if (row.status !== 'no_show' || row.finished_at === null || row.counter_id !== counterId) return false;
  const after = instantMs(occurredAt) - instantMs(row.finished_at);
  return after >= 0 && after <= NO_SHOW_UNDO_MS;
}

/** Moves a ticket forward only: an event older than what the row says never takes it back. */
function advance(row: Row, status: string, patch: Partial<Row>, ms: number): boolean {
  if (RANK[status]! <= RANK[row.status]!) return false;
  Object.assign(row, patch, { status, updated_ms: ms });
  return true;
}

/**
 * Projects one device's accepted ticket events into `queue_tickets`, and appends one feed
 * entry per changed ticket, inside the ingest transaction. On PostgreSQL an advisory lock
 * makes feed positions follow commit order, so a kiosk resuming from a cursor misses nothing.
 * Tickets belong to the issuing device's centre; another centre's ticket is never changed by
 * this device's events (its stream never showed it, so such an event is a forgery or a mistake).
 */
export async function projectQueue(
  trx: Db,
  { deviceId, centreId }: QueueDevice,
  events: readonly QueueEvent[],
): Promise<void> {
  const tickets = events.filter((e) => e.event.type.startsWith('ticket.'));
  if (tickets.length === 0) return;
  const ids = new Set<string>();
  for (const { event } of tickets) {
    const id = ticketIdOf(event);
    if (id !== undefined) ids.add(id);
    if (event.type === 'ticket.transferred') ids.add(event.newTicketId);
  }
  const rows = new Map<string, Row>();
  const stored = new Set<string>();
  const foreign = new Set<string>();
  const idList = [...ids];
  for (let i = 0; i < idList.length; i += 250) {
    const part = idList.slice(i, i + 250);
    for (const row of await trx.selectFrom('queue_tickets').selectAll().where('ticket_id', 'in', part).execute()) {
      rows.set(row.ticket_id, row);
      stored.add(row.ticket_id);
      if (row.centre_id !== centreId) foreign.add(row.ticket_id);
    }
  }
  const changed = new Set<string>();
  const reopened = new Set<string>();
  const released: string[] = [];
  const ordered = [...tickets].sort((a, b) => a.event.seq - b.event.seq);
  for (const { event, ms, dayIndex } of ordered) {
    const id = ticketIdOf(event);
    if (id !== undefined && foreign.has(id)) continue;
    const row = id === undefined ? undefined : rows.get(id);
    switch (event.type) {
      case 'ticket.issued': {
        if (row) break;
        const pinned = event.pinned === false ? null : event.counterId;
        rows.set(event.ticketId, {
          ticket_id: event.ticketId,
          centre_id: centreId,
          day: vietnamDay(new Date(ms)),
          service_id: event.serviceId,
          number: event.number,
          day_index: dayIndex ?? null,
          priority: event.priority ?? null,
          pinned_counter_id: pinned,
          counter_id: pinned,
          status: 'waiting',
          issued_at: event.occurredAt,
          issued_ms: ms,
          called_at: null,
          called_ms: null,
          officer_id: null,
          started_at: null,
          finished_at: null,
          transferred_from: null,
          transferred_to: null,
          issuing_device: deviceId,
          updated_ms: ms,
          rating_token: event.ratingToken ?? null,
        });
        changed.add(event.ticketId);
        break;
      }
      case 'ticket.called':
        released.push(event.ticketId);
        if (
          row &&
          advance(
            row,
            'called',
            { counter_id: event.counterId, called_at: event.occurredAt, called_ms: ms, officer_id: event.officerId },
            ms,
          )
        ) {
          changed.add(row.ticket_id);
        }
        break;
      case 'ticket.started':
        if (row && advance(row, 'serving', { counter_id: event.counterId, started_at: event.occurredAt }, ms)) {
          changed.add(row.ticket_id);
        }
        break;
      case 'ticket.finished':
      case 'ticket.no_show':
      case 'ticket.cancelled': {
        const status =
          event.type === 'ticket.finished' ? 'done' : event.type === 'ticket.no_show' ? 'no_show' : 'cancelled';
        if (row && advance(row, status, { finished_at: event.occurredAt }, ms)) changed.add(row.ticket_id);
        break;
      }
      case 'ticket.no_show_undone':
        // Back to waiting at its place (the issue time is kept); the call stays in queue_calls.
        if (row && plausibleUndo(row, event.counterId, event.occurredAt)) {
          Object.assign(row, {
            status: 'waiting',
            counter_id: row.pinned_counter_id,
            called_at: null,
            called_ms: null,
            officer_id: null,
            finished_at: null,
            updated_ms: ms,
          });
          changed.add(row.ticket_id);
          reopened.add(row.ticket_id);
        }
        break;
      case 'ticket.transferred': {
        if (!row) break;
        if (advance(row, 'transferred', { finished_at: event.occurredAt, transferred_to: event.newTicketId }, ms)) {
          changed.add(row.ticket_id);
        }
        if (rows.has(event.newTicketId)) break;
        const pinned = event.toCounterId ?? null;
        // The citizen keeps the number and the original issue time, so they keep their place.
        rows.set(event.newTicketId, {
          ...row,
          ticket_id: event.newTicketId,
          service_id: event.toServiceId,
          day_index: null,
          pinned_counter_id: pinned,
          counter_id: pinned,
          status: 'waiting',
          called_at: null,
          called_ms: null,
          officer_id: null,
          started_at: null,
          finished_at: null,
          transferred_from: row.ticket_id,
          transferred_to: null,
          issuing_device: deviceId,
          updated_ms: ms,
          // The phone follows the citizen's original ticket; the new one gets no token of its own.
          rating_token: null,
        });
        changed.add(event.newTicketId);
        break;
      }
      default:
        break;
    }
  }
  if (released.length > 0) await trx.deleteFrom('queue_claims').where('ticket_id', 'in', released).execute();
  if (changed.size === 0) return;
  const out = [...changed].sort().map((id) => rows.get(id)!);
  // Rows not loaded above are the tickets this batch created.
  await keepIssued(
    trx,
    out.filter((row) => !stored.has(row.ticket_id)),
  );
  for (let i = 0; i < out.length; i += 100) {
    await trx
      .insertInto('queue_tickets')
      .values(out.slice(i, i + 100))
      .onConflict((oc) =>
        oc.column('ticket_id').doUpdateSet({
          status: sql`excluded.status`,
          counter_id: sql`excluded.counter_id`,
          called_at: sql`excluded.called_at`,
          called_ms: sql`excluded.called_ms`,
          officer_id: sql`excluded.officer_id`,
          started_at: sql`excluded.started_at`,
          finished_at: sql`excluded.finished_at`,
          transferred_to: sql`excluded.transferred_to`,
          updated_ms: sql`excluded.updated_ms`,
        }),
      )
      .execute();
  }
  if (trx.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`SELECT pg_advisory_xact_lock(${FEED_LOCK_KEY})`.execute(trx);
  }
  for (let i = 0; i < out.length; i += 100) {
    await trx
      .insertInto('queue_feed')
      .values(
        out.slice(i, i + 100).map((row) => ({
          ticket_id: row.ticket_id,
          centre_id: row.centre_id,
          day: row.day,
          service_id: row.service_id,
          pinned_counter_id: row.pinned_counter_id,
          counter_id: row.counter_id,
          device_id: deviceId,
          body: JSON.stringify({ ...snapshotOf(row), ...(reopened.has(row.ticket_id) && { reopened: true }) }),
        })),
      )
      .execute();
  }
}
