import '../../shared/contract/zod-vietnamese.ts';
import { sql } from 'kysely';
import { describeIssues } from '../../shared/contract/dispatch.ts';
import type { SyncRejection } from '../../shared/contract/sync-protocol.ts';
import { KioskEventSchema, type KioskEvent } from '../../shared/domain/events.ts';
import { vietnamDay } from '../../shared/domain/vietnam-time.ts';
import type { Db } from '../db/database.ts';
import type { ServerSchema } from '../db/schema.ts';
import { keepAggregates, ticketsAlreadyServed } from '../aggregates/keep.ts';
import { checkIssuedNumbers } from '../queue/number-leases.ts';
import { recordCalls } from '../queue/queue-calls.ts';
import { projectQueue } from '../queue/queue-projection.ts';
import { deviceCentreId } from '../queue/device-centre.ts';
import { checkFunnelEvents, dossierOfTickets } from './funnel-check.ts';
import { projectRatingPrompts } from './rating-prompts-projection.ts';
import { finishedTickets, ticketRatingRefusal } from './ticket-rating-check.ts';
import { placeEvent } from './event-time.ts';
import { attributeBatch } from './assignment-check.ts';

export interface IngestResult {
  accepted: string[];
  duplicates: string[];
  rejected: SyncRejection[];
  /** The accepted events as parsed, in request order: what the live pages are told of (not sent back). */
  events: KioskEvent[];
}

/** What the sync request tells about the device besides its events; stored in the same transaction. */
export interface DeviceTouch {
  lastSyncAt?: string;
  clockOffsetMs?: number;
  appVersion?: string;
  configVersion?: number;
  /** The kiosk's own report (printer, events waiting); absent from kiosks that predate it. */
  status?: {
    printerState: string | null;
    printerMessage: string | null;
    pendingEvents: number;
    at: string;
    /** 'full' while the kiosk's disk is full; null when it did not say so. */
    storageState?: 'full' | null;
  };
}

const KNOWN_TYPES = new Set(KioskEventSchema.options.map((option) => option.shape.type.value as string));

interface Parsed {
  index: number;
  event: KioskEvent;
  /** The instant the event is filed at (server time line, after any clock correction). */
  ms: number;
  /** Added to every instant the device wrote (0 when its clock was right). */
  correctionMs: number;
}

function readId(raw: unknown): string | null {
  if (raw && typeof raw === 'object' && 'id' in raw && typeof raw.id === 'string') return raw.id.slice(0, 64);
  return null;
}

function validate(raw: unknown, index: number, receivedMs: number, clockOffsetMs?: number): Parsed | SyncRejection {
  const id = readId(raw);
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return { id, index, reason: 'Sự kiện phải là một đối tượng JSON.' };
  }
  const type = (raw as { type?: unknown }).type;
  if (typeof type !== 'string' || !KNOWN_TYPES.has(type)) {
    return { id, index, reason: `Loại sự kiện không được hỗ trợ: ${JSON.stringify(type ?? null).slice(0, 60)}.` };
  }
  const parsed = KioskEventSchema.safeParse(raw);
  if (!parsed.success) return { id, index, reason: describeIssues(parsed.error) };
  const placed = placeEvent(Date.parse(parsed.data.occurredAt), receivedMs, clockOffsetMs);
  if ('error' in placed) return { id, index, reason: placed.error };
  return { index, event: parsed.data, ms: placed.ms, correctionMs: placed.correctionMs };
}

type EventRow = ServerSchema['events'];
type RatingRow = ServerSchema['ratings'];

const CHUNK = 250;
function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

/**
 * The one ingest path (HTTP sync and `hailong sync import`). Each event is validated on its
 * own; the events that pass and their projections are written in ONE transaction, so an
 * acknowledged batch is fully stored and a resent one finds every id already present.
 */
export async function ingestEvents(
  db: Db,
  deviceId: string,
  rawEvents: readonly unknown[],
  receivedAt: Date,
  touch: DeviceTouch = {},
): Promise<IngestResult> {
  const rejected: SyncRejection[] = [];
  const duplicates: string[] = [];
  const candidates: Parsed[] = [];
  const seen = new Set<string>();
  rawEvents.forEach((raw, index) => {
    const result = validate(raw, index, receivedAt.getTime(), touch.clockOffsetMs);
    if ('reason' in result) {
      rejected.push(result);
    } else if (seen.has(result.event.id)) {
      duplicates.push(result.event.id);
    } else {
      seen.add(result.event.id);
      candidates.push(result);
    }
  });
  const receivedIso = receivedAt.toISOString();

  const events = await db.transaction().execute(async (trx) => {
    const ids = candidates.map((c) => c.event.id);
    const existing = new Set<string>();
    for (const part of chunks(ids)) {
      const rows = await trx.selectFrom('events').select('id').where('id', 'in', part).execute();
      for (const row of rows) existing.add(row.id);
    }
    const fresh = candidates.filter((c) => {
      if (!existing.has(c.event.id)) return true;
      duplicates.push(c.event.id);
      return false;
    });

    // The queue is the device's centre's: its numbers, tickets and calls are recorded there.
    const centreId = await deviceCentreId(trx, deviceId);
    // A fixed key order keeps two concurrent batches that share ids from deadlocking (PostgreSQL).
    const { kept, indexes } = await checkIssuedNumbers(
      trx,
      { deviceId, centreId },
      await checkFunnelEvents(trx, await semanticCheck(trx, fresh, rejected), rejected),
      rejected,
    );
    const toStore = kept.sort((a, b) => (a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0));
    const inserted = new Set<string>();
    for (const part of chunks(toStore)) {
      const rows: EventRow[] = part.map(({ event, ms, correctionMs }) => ({
        id: event.id,
        device_id: deviceId,
        seq: event.seq,
        type: event.type,
        occurred_at: event.occurredAt,
        occurred_at_utc: new Date(ms - correctionMs).toISOString(),
        occurred_ms: ms,
        received_at: receivedIso,
        body: JSON.stringify(event),
        clock_correction_ms: correctionMs === 0 ? null : correctionMs,
      }));
      // ON CONFLICT DO NOTHING + RETURNING: a concurrent resend of the same id counts once.
      const done = await trx
        .insertInto('events')
        .values(rows)
        .onConflict((oc) => oc.column('id').doNothing())
        .returning('id')
        .execute();
      for (const row of done) inserted.add(row.id);
    }
    const stored = toStore.filter((c) => {
      if (inserted.has(c.event.id)) return true;
      duplicates.push(c.event.id);
      return false;
    });
    await project(trx, deviceId, stored, receivedIso);
    await projectQueue(
      trx,
      { deviceId, centreId },
      stored.map(({ event, ms }) => ({
        event,
        ms,
        dayIndex: 'ticketId' in event ? indexes.get(event.ticketId ?? '') : null,
      })),
    );
    await recordCalls(trx, { deviceId, centreId }, stored);
    await touchDevice(trx, deviceId, stored, touch);
    return stored.sort((a, b) => a.index - b.index).map((c) => c.event);
  });
  rejected.sort((a, b) => a.index - b.index);
  return { accepted: events.map((e) => e.id), duplicates, rejected, events };
}

/** Unknown officers and agencies, and levels outside the configured scale, are rejected by reason. */
async function semanticCheck(trx: Db, fresh: Parsed[], rejected: SyncRejection[]): Promise<Parsed[]> {
  const officerIds = new Set<string>();
  for (const { event } of fresh) if ('officerId' in event) officerIds.add(event.officerId);
  const knownOfficers = new Set<string>();
  for (const part of chunks([...officerIds])) {
    for (const row of await trx.selectFrom('officers').select('id').where('id', 'in', part).execute()) {
      knownOfficers.add(row.id);
    }
  }
  const agencies = new Set((await trx.selectFrom('agencies').select('id').execute()).map((r) => r.id));
  // Inactive levels too: a kiosk offline since the scale changed still sends them (never lost).
  const levels = new Set((await trx.selectFrom('rating_levels').select('code').execute()).map((r) => r.code));
  // One rating per ticket (also a unique index): a second event for a rated ticket is refused.
  const ticketIds = new Set<string>();
  for (const { event } of fresh) if (event.type === 'rating.submitted' && event.ticketId) ticketIds.add(event.ticketId);
  const ratedTickets = new Set<string>();
  for (const part of chunks([...ticketIds])) {
    for (const row of await trx.selectFrom('ratings').select('ticket_id').where('ticket_id', 'in', part).execute()) {
      if (row.ticket_id !== null) ratedTickets.add(row.ticket_id);
    }
  }
  const finished = await finishedTickets(trx, ticketIds, fresh);
  return fresh.filter(({ event, index, ms }) => {
    const reject = (reason: string) => {
      rejected.push({ id: event.id, index, reason });
      return false;
    };
    if ('officerId' in event && !knownOfficers.has(event.officerId)) {
      return reject(`Cán bộ không có trên máy chủ: ${event.officerId}.`);
    }
    if ('agencyId' in event && !agencies.has(event.agencyId)) {
      return reject(`Cơ quan, đơn vị không có trên máy chủ: ${event.agencyId}.`);
    }
    if (event.type === 'rating.submitted' && !levels.has(event.level)) {
      return reject(`Mức đánh giá "${event.level}" không có trong thang đánh giá đang dùng.`);
    }
    if (event.type === 'rating.submitted' && event.ticketId) {
      if (ratedTickets.has(event.ticketId)) {
        return reject(`Phiếu ${event.ticketId} đã được đánh giá; mỗi phiếu chỉ được đánh giá một lần.`);
      }
      const refusal = ticketRatingRefusal(
        { ticketId: event.ticketId, officerId: event.officerId, occurredMs: ms },
        finished.get(event.ticketId),
      );
      if (refusal) return reject(refusal);
      ratedTickets.add(event.ticketId);
    }
    return true;
  });
}

async function project(trx: Db, deviceId: string, stored: Parsed[], receivedIso: string): Promise<void> {
  const ratings: RatingRow[] = [];
  const reasonEvents: ServerSchema['rating_reason_events'][] = [];
  const duty: ServerSchema['duty_events'][] = [];
  const served: ServerSchema['tickets_served'][] = [];
  for (const { event, ms, correctionMs } of stored) {
    switch (event.type) {
      case 'rating.submitted': {
        const day = vietnamDay(new Date(ms));
        const misuse = event.misuse ? 1 : 0;
        ratings.push({
          id: event.id,
          device_id: deviceId,
          occurred_at: event.occurredAt,
          occurred_ms: ms,
          day,
          officer_id: event.officerId,
          agency_id: event.agencyId,
          counter_id: event.counterId ?? null,
          ticket_id: event.ticketId ?? null,
          level: event.level,
          reasons: event.reasons ? JSON.stringify(event.reasons) : null,
          misuse,
          dossier_code: event.dossierCode ?? null,
          clock_correction_ms: correctionMs === 0 ? null : correctionMs,
        });
        break;
      }
      case 'rating.reasons_added':
        reasonEvents.push({ event_id: event.id, rating_id: event.ratingId, reasons: JSON.stringify(event.reasons) });
        break;
      case 'officer.signed_in':
      case 'officer.signed_out':
        duty.push({
          event_id: event.id,
          device_id: deviceId,
          kind: event.type === 'officer.signed_in' ? 'signed_in' : 'signed_out',
          officer_id: event.officerId,
          agency_id: event.type === 'officer.signed_in' ? event.agencyId : null,
          counter_id: event.counterId,
          cause: event.type === 'officer.signed_out' ? event.cause : null,
          occurred_at: event.occurredAt,
          occurred_ms: ms,
        });
        break;
      case 'ticket.finished':
        served.push({
          event_id: event.id,
          ticket_id: event.ticketId,
          device_id: deviceId,
          number: event.number,
          service_id: event.serviceId,
          officer_id: event.officerId,
          agency_id: event.agencyId,
          counter_id: event.counterId,
          issued_ms: Date.parse(event.issuedAt) + correctionMs,
          called_ms: Date.parse(event.calledAt) + correctionMs,
          started_ms: Date.parse(event.startedAt) + correctionMs,
          finished_ms: ms,
          finished_at: event.occurredAt,
          day: vietnamDay(new Date(ms)),
          dossier_code: event.dossierCode ?? null,
        });
        break;
      default:
        // Other types are kept raw in `events` only; a later projection can replay them.
        break;
    }
  }
  // The assignment history, not the kiosk's snapshot, decides the agency (issue 9 item 8).
  await attributeBatch(
    trx,
    deviceId,
    [
      ...ratings.map((row) => ({ eventId: row.id, eventType: 'rating.submitted', row })),
      ...served.map((row) => ({ eventId: row.event_id, eventType: 'ticket.finished', row })),
    ],
    receivedIso,
  );
  await carryTicketDossiers(trx, ratings, served);
  const servedBefore = await ticketsAlreadyServed(trx, served);
  for (const part of chunks(ratings)) await trx.insertInto('ratings').values(part).execute();
  for (const part of chunks(reasonEvents)) await trx.insertInto('rating_reason_events').values(part).execute();
  for (const part of chunks(duty)) await trx.insertInto('duty_events').values(part).execute();
  for (const part of chunks(served)) await trx.insertInto('tickets_served').values(part).execute();
  await keepAggregates(trx, { ratings, served, servedBefore });
  await projectRatingPrompts(trx, deviceId, stored);
}

/** A rating without its own dossier code takes the one entered when its ticket was finished. */
async function carryTicketDossiers(
  trx: Db,
  ratings: RatingRow[],
  served: readonly ServerSchema['tickets_served'][],
): Promise<void> {
  const missing = ratings.filter((r) => r.ticket_id !== null && !r.dossier_code);
  if (missing.length === 0) return;
  const known = await dossierOfTickets(
    trx,
    missing.map((r) => r.ticket_id!),
  );
  for (const s of served) if (s.dossier_code) known.set(s.ticket_id, s.dossier_code);
  for (const rating of missing) rating.dossier_code = known.get(rating.ticket_id!) ?? null;
}

async function touchDevice(trx: Db, deviceId: string, stored: Parsed[], touch: DeviceTouch): Promise<void> {
  let min = Number.POSITIVE_INFINITY;
  let max = 0;
  for (const { event } of stored) {
    if (event.seq < min) min = event.seq;
    if (event.seq > max) max = event.seq;
  }
  const update: Record<string, unknown> = {};
  if (stored.length > 0) {
    update.first_seq = sql<number>`CASE WHEN first_seq IS NULL OR first_seq > ${min} THEN ${min} ELSE first_seq END`;
    update.last_seq = sql<number>`CASE WHEN last_seq < ${max} THEN ${max} ELSE last_seq END`;
    update.event_count = sql<number>`event_count + ${stored.length}`;
  }
  const corrected = stored.filter((c) => c.correctionMs !== 0).length;
  if (corrected > 0) {
    update.clock_corrected_events = sql<number>`clock_corrected_events + ${corrected}`;
    update.last_clock_correction_at = touch.lastSyncAt ?? null;
  }
  if (touch.lastSyncAt !== undefined) update.last_sync_at = touch.lastSyncAt;
  if (touch.clockOffsetMs !== undefined) update.clock_offset_ms = Math.round(touch.clockOffsetMs);
  if (touch.appVersion !== undefined) update.app_version = touch.appVersion;
  if (touch.configVersion !== undefined) update.config_version = touch.configVersion;
  if (touch.status !== undefined) {
    update.printer_state = touch.status.printerState;
    update.printer_message = touch.status.printerMessage;
    update.pending_events = touch.status.pendingEvents;
    update.status_at = touch.status.at;
    update.storage_state = touch.status.storageState ?? null;
  }
  if (Object.keys(update).length === 0) return;
  await trx.updateTable('devices').set(update).where('id', '=', deviceId).execute();
}
