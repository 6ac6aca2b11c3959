import type { Selectable } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { LiveAlert, LiveAlertsList } from '../../shared/contract/centre-settings.ts';
import { toVietnamIso } from '../../shared/domain/vietnam-time.ts';
import type { Db } from '../db/database.ts';
import type { ServerSchema } from '../db/schema.ts';
import { HttpError } from '../http-error.ts';
import type { AlertCandidate } from './live-alert-rules.ts';

type AlertRow = Selectable<ServerSchema['live_alerts']>;

/** Stores a candidate; null when an alert with its key exists already (nothing is raised twice). */
export async function raiseAlert(
  db: Db,
  candidate: AlertCandidate,
  now: Date,
  centreId: number,
): Promise<string | null> {
  const id = uuidv7();
  const inserted = await db
    .insertInto('live_alerts')
    .values({
      id,
      kind: candidate.kind,
      dedupe_key: candidate.dedupeKey,
      day: candidate.day,
      counter_id: candidate.counterId,
      officer_id: candidate.officerId,
      agency_id: candidate.agencyId,
      total: candidate.total,
      count: candidate.count,
      raised_at: toVietnamIso(now),
      raised_ms: now.getTime(),
      centre_id: centreId,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0 ? id : null;
}

const pct = (count: number, total: number) =>
  `${(total > 0 ? (count / total) * 100 : 0).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} %`;

async function describe(db: Db, rows: AlertRow[]): Promise<LiveAlert[]> {
  const counters = new Map(
    (await db.selectFrom('counters').select(['id', 'number', 'name']).execute()).map((c) => [c.id, c]),
  );
  const officers = new Map(
    (await db.selectFrom('officers').select(['id', 'full_name']).execute()).map((o) => [o.id, o.full_name]),
  );
  const agencies = new Map(
    (await db.selectFrom('agencies').select(['id', 'name']).execute()).map((a) => [a.id, a.name]),
  );
  return rows.map((row) => {
    const counter = row.counter_id ? counters.get(row.counter_id) : undefined;
    const total = row.total;
    const count = row.count;
    const subject =
      row.kind === 'counter_low_ratings'
        ? counter
          ? `Quầy số ${String(counter.number)}`
          : `Quầy ${row.counter_id ?? ''}`
        : `${officers.get(row.officer_id ?? '') ?? row.officer_id ?? ''} – ${agencies.get(row.agency_id ?? '') ?? ''}`;
    const message =
      row.kind === 'counter_low_ratings'
        ? `${String(count)} trên ${String(total)} lượt đánh giá gần đây là Trung bình hoặc Kém (${pct(count, total)}).`
        : `Hôm nay mới ${String(count)} trên ${String(total)} phiếu đã phục vụ được đánh giá (${pct(count, total)}).`;
    return {
      id: row.id,
      kind: row.kind,
      day: row.day,
      raisedAt: row.raised_at,
      subject,
      counterId: row.counter_id,
      officerId: row.officer_id,
      message,
      total,
      count,
      acknowledgedAt: row.acknowledged_at,
      acknowledgedBy: row.acknowledged_by,
      comment: row.comment,
      centreId: row.centre_id,
    };
  });
}

/** Alerts not yet acknowledged (all of them) and the latest acknowledged ones; of one centre, or of all (null). */
export async function listAlerts(
  db: Db,
  historyLimit: number,
  centreId: number | null = null,
): Promise<LiveAlertsList> {
  const ofCentre = () => {
    const all = db.selectFrom('live_alerts').selectAll();
    return centreId === null ? all : all.where('centre_id', '=', centreId);
  };
  const open = await ofCentre()
    .where('acknowledged_at', 'is', null)
    .orderBy('raised_ms', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const history = await ofCentre()
    .where('acknowledged_at', 'is not', null)
    .orderBy('raised_ms', 'desc')
    .orderBy('id', 'desc')
    .limit(historyLimit)
    .execute();
  return { open: await describe(db, open), history: await describe(db, history) };
}

export async function alertById(db: Db, id: string): Promise<LiveAlert | null> {
  const row = await db.selectFrom('live_alerts').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? ((await describe(db, [row]))[0] ?? null) : null;
}

/** A supervisor acknowledges an alert with a comment; an alert is acknowledged once. */
export async function acknowledgeAlert(db: Db, id: string, by: string, comment: string, now: Date): Promise<LiveAlert> {
  const updated = await db
    .updateTable('live_alerts')
    .set({ acknowledged_at: toVietnamIso(now), acknowledged_by: by, comment })
    .where('id', '=', id)
    .where('acknowledged_at', 'is', null)
    .executeTakeFirst();
  const alert = await alertById(db, id);
  if (!alert) throw new HttpError(404, 'not_found', 'Không tìm thấy cảnh báo này.');
  if (Number(updated.numUpdatedRows) === 0) {
    throw new HttpError(409, 'already_acknowledged', 'Cảnh báo này đã được xác nhận trước đó.');
  }
  return alert;
}
