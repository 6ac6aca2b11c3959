import { v7 as uuidv7 } from 'uuid';
import type { PhoneRatingRequest } from '../../shared/contract/phone-rating.ts';
import type { QueueTicketSnapshot } from '../../shared/contract/queue-sync.ts';
import { RATED_BY_PHONE_MESSAGE } from '../../shared/domain/phone-rating.ts';
import { toVietnamIso, vietnamDay } from '../../shared/domain/vietnam-time.ts';
import { keepAggregates } from '../aggregates/keep.ts';
import { listLevels, listReasons, readQueueConfig } from '../config/config-repo.ts';
import type { Db } from '../db/database.ts';
import type { ServerSchema } from '../db/schema.ts';
import { HttpError } from '../http-error.ts';
import { dossierOfTickets } from '../sync/funnel-check.ts';
import { finishOf, ticketOfToken } from './phone-ticket.ts';

/** Phone ratings are not made by a kiosk: this stands in the rating's device column. */
export const PHONE_DEVICE_ID = 'phone';

const ALREADY_RATED = 'Phiếu này đã được đánh giá. Mỗi phiếu chỉ được đánh giá một lần.';

/**
 * Records a rating from the phone page: once per ticket across both channels (the ratings
 * table's unique ticket index decides a race with the kiosk), within the centre's window after
 * the finish, credited to the officer who finished the ticket, channel `phone`. In the same
 * transaction a queue feed entry tells the counter's kiosk the ticket is rated, so its own
 * prompt refuses a second rating.
 */
export async function recordPhoneRating(db: Db, token: string, request: PhoneRatingRequest, now: Date): Promise<void> {
  const ticket = await ticketOfToken(db, token);
  if (!ticket) throw new HttpError(404, 'not_found', 'Máy chủ chưa nhận được phiếu này; hãy thử lại sau ít phút.');
  const finish = ticket.status === 'done' ? await finishOf(db, ticket.ticket_id) : undefined;
  if (!finish)
    throw new HttpError(409, 'not_finished', `Số ${ticket.number} chưa được phục vụ xong nên chưa thể đánh giá.`);
  const { options } = await readQueueConfig(db, ticket.centre_id);
  if (now.getTime() >= finish.finished_ms + options.phoneRatingHours * 3_600_000) {
    throw new HttpError(409, 'expired', `Đã hết thời gian đánh giá cho số ${ticket.number}.`);
  }
  const level = (await listLevels(db)).find((l) => l.code === request.level);
  if (!level) throw new HttpError(400, 'invalid', 'Mức đánh giá không hợp lệ.');
  const known = new Set((await listReasons(db)).map((r) => r.code));
  const reasons = [...new Set(request.reasons ?? [])];
  if (reasons.some((r) => !known.has(r))) throw new HttpError(400, 'invalid', 'Lý do đánh giá không hợp lệ.');
  if (reasons.length > 0 && !level.low) {
    throw new HttpError(400, 'invalid', 'Chỉ chọn lý do khi đánh giá mức Trung bình hoặc Kém.');
  }
  // The dossier code the officer entered at the finish goes with the rating, as on the kiosk;
  // a dossier is rated once whatever the channel or the ticket.
  const dossier = (await dossierOfTickets(db, [ticket.ticket_id])).get(ticket.ticket_id) ?? null;
  if (dossier && (await db.selectFrom('ratings').select('id').where('dossier_code', '=', dossier).executeTakeFirst())) {
    throw new HttpError(
      409,
      'already_rated',
      `Hồ sơ ${dossier} đã được đánh giá. Mỗi hồ sơ chỉ được đánh giá một lần.`,
    );
  }
  const nowMs = now.getTime();
  const row: ServerSchema['ratings'] = {
    id: uuidv7({ msecs: nowMs }),
    device_id: PHONE_DEVICE_ID,
    occurred_at: toVietnamIso(now),
    occurred_ms: nowMs,
    day: vietnamDay(now),
    officer_id: finish.officer_id,
    agency_id: finish.agency_id,
    counter_id: finish.counter_id,
    ticket_id: ticket.ticket_id,
    level: level.code,
    reasons: reasons.length > 0 ? JSON.stringify(reasons) : null,
    misuse: 0,
    channel: 'phone',
    dossier_code: dossier,
  };
  await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('ratings')
      .values(row)
      // The unique index is partial (ticket_id not null): the conflict target must say so on PostgreSQL.
      .onConflict((oc) => oc.column('ticket_id').where('ticket_id', 'is not', null).doNothing())
      .returning('id')
      .execute();
    if (inserted.length === 0) throw new HttpError(409, 'already_rated', ALREADY_RATED);
    await keepAggregates(trx, { ratings: [row], served: [], servedBefore: new Set() });
    await tellCounter(trx, ticket);
  });
}

/** A feed entry (after the ticket's own) saying the ticket is rated; kiosks read `rated`. */
async function tellCounter(trx: Db, ticket: ServerSchema['queue_tickets']): Promise<void> {
  const snapshot: Omit<QueueTicketSnapshot, 'feedSeq'> = {
    ticketId: ticket.ticket_id,
    day: ticket.day,
    serviceId: ticket.service_id,
    number: ticket.number,
    priority: ticket.priority,
    pinnedCounterId: ticket.pinned_counter_id,
    status: 'done',
    counterId: ticket.counter_id,
    issuedAt: ticket.issued_at,
    calledAt: ticket.called_at,
    officerId: ticket.officer_id,
    transferredFrom: ticket.transferred_from,
    transferredTo: ticket.transferred_to,
    issuingDevice: ticket.issuing_device,
    rated: true,
  };
  await trx
    .insertInto('queue_feed')
    .values({
      ticket_id: ticket.ticket_id,
      centre_id: ticket.centre_id,
      day: ticket.day,
      service_id: ticket.service_id,
      pinned_counter_id: ticket.pinned_counter_id,
      counter_id: ticket.counter_id,
      device_id: PHONE_DEVICE_ID,
      body: JSON.stringify(snapshot),
    })
    .execute();
}

export { RATED_BY_PHONE_MESSAGE };
