import type { Db } from '../db/database.ts';
import type { ServerSchema } from '../db/schema.ts';

/** One row of an officer's assignment history (both ends included, null = open). */
export interface AssignmentSpan {
  agencyId: string;
  fromDay: string | null;
  toDay: string | null;
}

/** What the officer's history says about an event's agency on its day. */
export interface Attribution {
  /** The agency the event is filed under. */
  agencyId: string;
  /** null: the kiosk's pair matches; otherwise why it did not. */
  mismatch: null | 'other_agency' | 'not_assigned';
}

const covers = (span: AssignmentSpan, day: string) =>
  (span.fromDay === null || span.fromDay <= day) && (span.toDay === null || span.toDay >= day);

/**
 * Attributes an event of `day` for which the kiosk sent `sentAgency` (issue 9 item 8). The
 * history decides, not the kiosk's snapshot, which may be stale (offline when the officer
 * moved) or forged: an agency the officer held that day is kept; another agency is replaced by
 * the one the history gives for that day ('other_agency'); a day outside every assignment is
 * filed under the nearest assignment ('not_assigned', flagged even when the agency matches:
 * the officer was not working there then). An officer with no history is checked against the
 * agency on the officer's row.
 */
export function attributeByHistory(
  history: readonly AssignmentSpan[],
  currentAgency: string,
  day: string,
  sentAgency: string,
): Attribution {
  if (history.length === 0) {
    return sentAgency === currentAgency
      ? { agencyId: sentAgency, mismatch: null }
      : { agencyId: currentAgency, mismatch: 'other_agency' };
  }
  const held = history.filter((span) => covers(span, day));
  if (held.some((span) => span.agencyId === sentAgency)) return { agencyId: sentAgency, mismatch: null };
  if (held.length > 0) {
    // The latest-starting assignment of that day (an open start is the earliest).
    const latest = [...held].sort((a, b) => (b.fromDay ?? '').localeCompare(a.fromDay ?? ''))[0]!;
    return { agencyId: latest.agencyId, mismatch: 'other_agency' };
  }
  const before = history
    .filter((span) => span.toDay !== null && span.toDay < day)
    .sort((a, b) => b.toDay!.localeCompare(a.toDay!))[0];
  const after = history
    .filter((span) => span.fromDay !== null && span.fromDay > day)
    .sort((a, b) => a.fromDay!.localeCompare(b.fromDay!))[0];
  return { agencyId: (before ?? after)!.agencyId, mismatch: 'not_assigned' };
}

/** Each officer's current agency and assignment history; an officer not on the server is absent. */
export type OfficerHistories = Map<string, { current: string; history: AssignmentSpan[] }>;

/** The history and current agency of each officer named, read once per batch. */
export async function readHistories(trx: Db, officerIds: readonly string[]): Promise<OfficerHistories> {
  const found = new Map<string, { current: string; history: AssignmentSpan[] }>();
  const ids = [...new Set(officerIds)];
  for (let i = 0; i < ids.length; i += 250) {
    const part = ids.slice(i, i + 250);
    for (const row of await trx.selectFrom('officers').select(['id', 'agency_id']).where('id', 'in', part).execute()) {
      found.set(row.id, { current: row.agency_id, history: [] });
    }
    const spans = await trx
      .selectFrom('officer_assignments')
      .select(['officer_id', 'agency_id', 'from_day', 'to_day'])
      .where('officer_id', 'in', part)
      .execute();
    for (const span of spans) {
      found
        .get(span.officer_id)
        ?.history.push({ agencyId: span.agency_id, fromDay: span.from_day, toDay: span.to_day });
    }
  }
  return found;
}

/** An event of the batch to attribute: `row.agency_id` is rewritten in place when the history says so. */
export interface AttributedEvent {
  eventId: string;
  eventType: string;
  row: { officer_id: string; agency_id: string; day: string };
}

/**
 * Files every rating and served ticket of a batch under the agency the history gives, and
 * records each mismatch (kept, never dropped) for the supervisor's list.
 */
export async function attributeBatch(
  trx: Db,
  deviceId: string,
  events: readonly AttributedEvent[],
  receivedIso: string,
  /** The batch's officers as the ingest already read them (readHistories). */
  histories: OfficerHistories,
): Promise<void> {
  if (events.length === 0) return;
  const mismatches: ServerSchema['attribution_mismatches'][] = [];
  for (const { eventId, eventType, row } of events) {
    const officer = histories.get(row.officer_id);
    if (!officer) continue; // an unknown officer was refused before
    const verdict = attributeByHistory(officer.history, officer.current, row.day, row.agency_id);
    if (verdict.mismatch === null) continue;
    mismatches.push({
      event_id: eventId,
      device_id: deviceId,
      event_type: eventType,
      officer_id: row.officer_id,
      day: row.day,
      sent_agency_id: row.agency_id,
      filed_agency_id: verdict.agencyId,
      kind: verdict.mismatch,
      received_at: receivedIso,
    });
    row.agency_id = verdict.agencyId;
  }
  for (let i = 0; i < mismatches.length; i += 250) {
    await trx
      .insertInto('attribution_mismatches')
      .values(mismatches.slice(i, i + 250))
      .execute();
  }
}
