import type { PhoneTicketStatus } from '../../shared/contract/phone-rating.ts';
import type { Db } from '../db/database.ts';
import type { ServerSchema } from '../db/schema.ts';
import { centreName, listCounters, listLevels, listReasons, readQueueConfig } from '../config/config-repo.ts';

type QueueRow = ServerSchema['queue_tickets'];

/** A transferred citizen keeps one QR: follow the transfer links to the ticket now in a queue. */
const MAX_TRANSFERS = 10;

/** The ticket a token stands for, followed through transfers; undefined when the server has not seen it. */
export async function ticketOfToken(db: Db, token: string): Promise<QueueRow | undefined> {
  let row = await db.selectFrom('queue_tickets').selectAll().where('rating_token', '=', token).executeTakeFirst();
  for (let hop = 0; row?.transferred_to && hop < MAX_TRANSFERS; hop += 1) {
    const next = await db
      .selectFrom('queue_tickets')
      .selectAll()
      .where('ticket_id', '=', row.transferred_to)
      .executeTakeFirst();
    if (!next) break;
    row = next;
  }
  return row;
}

/** Who finished the ticket and when: the rating is credited to that officer. */
export async function finishOf(db: Db, ticketId: string) {
  return db
    .selectFrom('tickets_served')
    .select(['ticket_id', 'officer_id', 'agency_id', 'counter_id', 'finished_ms'])
    .where('ticket_id', '=', ticketId)
    .executeTakeFirst();
}

/** Waiting tickets called before this one: same centre, day and service, same queue, earlier in priority order. */
async function peopleAhead(db: Db, row: QueueRow): Promise<number> {
  let query = db
    .selectFrom('queue_tickets')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('centre_id', '=', row.centre_id)
    .where('day', '=', row.day)
    .where('service_id', '=', row.service_id)
    .where('status', '=', 'waiting')
    .where('ticket_id', '!=', row.ticket_id);
  if (row.pinned_counter_id !== null) {
    const pinned = row.pinned_counter_id;
    query = query.where((eb) => eb.or([eb('pinned_counter_id', 'is', null), eb('pinned_counter_id', '=', pinned)]));
  }
  query =
    row.priority !== null
      ? query.where('priority', 'is not', null).where('issued_ms', '<', row.issued_ms)
      : query.where((eb) => eb.or([eb('priority', 'is not', null), eb('issued_ms', '<', row.issued_ms)]));
  const found = await query.executeTakeFirst();
  // count(*) comes back as a string from PostgreSQL's bigint.
  return Number(found?.n ?? 0);
}

/** What the phone page shows for a token, read from the server's queue projection. */
export async function phoneTicketStatus(db: Db, token: string, nowMs: number): Promise<PhoneTicketStatus> {
  const empty: PhoneTicketStatus = {
    state: 'unknown',
    message: 'Máy chủ chưa nhận được phiếu này. Trang sẽ tự thử lại sau ít giây.',
    centreName: null,
    number: null,
    serviceName: null,
    peopleAhead: null,
    counterName: null,
    canRate: false,
    rateUntil: null,
    rated: false,
    levels: [],
    reasons: [],
  };
  const row = await ticketOfToken(db, token);
  if (!row) return empty;
  // The ticket's centre's services and rating window, else the province's.
  const config = await readQueueConfig(db, row.centre_id);
  const serviceName = config.services.find((s) => s.id === row.service_id)?.name ?? null;
  const counters = new Map((await listCounters(db, row.centre_id)).map((c) => [c.id, c.name]));
  const counterName = row.counter_id === null ? null : (counters.get(row.counter_id) ?? null);
  const base = {
    ...empty,
    centreName: await centreName(db, row.centre_id),
    number: row.number,
    serviceName,
    counterName,
  };
  switch (row.status) {
    case 'waiting': {
      const ahead = await peopleAhead(db, row);
      const message = ahead === 0 ? 'Sắp đến lượt ông/bà.' : `Còn ${ahead} người trước ông/bà.`;
      return { ...base, state: 'waiting', peopleAhead: ahead, counterName: null, message };
    }
    case 'called':
      return { ...base, state: 'called', message: `Mời ông/bà đến ${counterName ?? 'quầy'}.` };
    case 'serving':
      return { ...base, state: 'serving', message: `Ông/bà đang được phục vụ tại ${counterName ?? 'quầy'}.` };
    case 'done':
      return doneStatus(db, base, row, config.options.phoneRatingHours, nowMs);
    default:
      return { ...base, state: 'closed', message: 'Phiếu này đã kết thúc mà không được phục vụ; không thể đánh giá.' };
  }
}

async function doneStatus(
  db: Db,
  base: PhoneTicketStatus,
  row: QueueRow,
  hours: number,
  nowMs: number,
): Promise<PhoneTicketStatus> {
  const rated =
    (await db.selectFrom('ratings').select('id').where('ticket_id', '=', row.ticket_id).executeTakeFirst()) !==
    undefined;
  const finish = await finishOf(db, row.ticket_id);
  const untilMs = finish ? finish.finished_ms + hours * 3_600_000 : null;
  const open = !rated && untilMs !== null && nowMs < untilMs;
  const message = rated
    ? 'Phiếu này đã được đánh giá. Cảm ơn ông/bà!'
    : open
      ? 'Ông/bà đã được phục vụ xong. Mời ông/bà đánh giá mức độ hài lòng.'
      : finish
        ? 'Đã hết thời gian đánh giá cho phiếu này.'
        : 'Ông/bà đã được phục vụ xong. Máy chủ đang chờ dữ liệu để mở đánh giá; trang sẽ tự thử lại.';
  const levels = open ? (await listLevels(db)).map(({ code, label, low }) => ({ code, label, low })) : [];
  const reasons = open ? (await listReasons(db)).map(({ code, label }) => ({ code, label })) : [];
  return {
    ...base,
    state: 'done',
    message,
    canRate: open,
    rated,
    rateUntil: untilMs === null ? null : new Date(untilMs).toISOString(),
    levels,
    reasons,
  };
}
