import type { FastifyInstance } from 'fastify';
import {
  CLAIM_TTL_MS,
  ClaimRequestSchema,
  ClaimResponseSchema,
  QUEUE_PATHS,
  QueueStreamQuerySchema,
  type ClaimResponse,
  type QueueTicketSnapshot,
} from '../../shared/contract/queue-sync.ts';
import { inQueueOf } from '../../shared/domain/queue-routing.ts';
import { vietnamDay } from '../../shared/domain/vietnam-time.ts';
import { readQueueConfig } from '../config/config-repo.ts';
import type { ServerContext } from '../context.ts';
import { onIngested } from '../console/live-events.ts';
import { openSse } from '../console/sse.ts';
import { HttpError } from '../http-error.ts';
import { addRoute } from '../routes/route.ts';
import { deviceCentreId, type QueueDevice } from './device-centre.ts';

/** Feed entries read per query; a kiosk far behind gets several messages in a row. */
const PAGE = 500;
/** Changes written by another process (`hailong sync import`) are noticed within this. */
const BACKSTOP_MS = 5_000;

/**
 * The counter a device speaks for. Once the console has assigned the device, that assignment
 * decides: a stolen token cannot claim or read another counter's queue, and an entrance kiosk
 * claims nothing. A device the console has not assigned yet (its counter set by a technician)
 * is taken at its word, as before assignment existed. Another centre's counter does not exist
 * for the device (404), as for a user of another centre.
 */
async function requireCounter(server: ServerContext, deviceId: string, counterId: string): Promise<void> {
  const device = await server.db
    .selectFrom('devices')
    .select(['role', 'counter_id', 'centre_id'])
    .where('id', '=', deviceId)
    .executeTakeFirst();
  const counter = await server.db
    .selectFrom('counters')
    .select('centre_id')
    .where('id', '=', counterId)
    .executeTakeFirst();
  if (!counter || (device && counter.centre_id !== device.centre_id)) {
    throw new HttpError(404, 'not_found', 'Không tìm thấy quầy này ở trung tâm của kiosk.');
  }
  if (device?.role === 'entrance') {
    throw new HttpError(403, 'forbidden', 'Kiosk lấy số ở lối vào không gọi số của quầy nào.');
  }
  if (device?.counter_id && device.counter_id !== counterId) {
    throw new HttpError(
      403,
      'forbidden',
      'Kiosk này được gán cho quầy khác: không thể thao tác trên hàng đợi của quầy này.',
    );
  }
}

/**
 * The centre-wide queue for kiosks: a held stream of queue changes made by other devices that
 * concern one counter, and the claim that arbitrates a call several counters could make. Each
 * centre has its own queue: a kiosk sees and claims only its centre's tickets.
 */
export function queueRoutes(app: FastifyInstance, server: ServerContext): void {
  addRoute(app, server, {
    method: 'POST',
    url: QUEUE_PATHS.claim,
    summary: 'Kiosk xin quyền gọi một số mà nhiều quầy cùng có thể gọi (hết hạn sau 2 phút nếu không gọi)',
    access: 'device',
    body: ClaimRequestSchema,
    response: ClaimResponseSchema,
    handler: async ({ body, device }): Promise<ClaimResponse> => {
      await requireCounter(server, device!.deviceId, body.counterId);
      const nowMs = server.now().getTime();
      const taken = (reason: string): ClaimResponse => ({ granted: false, reason });
      const ticket = await server.db
        .selectFrom('queue_tickets')
        .selectAll()
        .where('ticket_id', '=', body.ticketId)
        .executeTakeFirst();
      if (!ticket) return taken('Máy chủ chưa nhận được phiếu này; hãy thử lại sau giây lát.');
      if (ticket.centre_id !== (await deviceCentreId(server.db, device!.deviceId))) {
        throw new HttpError(404, 'not_found', 'Không tìm thấy phiếu này ở trung tâm của kiosk.');
      }
      if (ticket.status !== 'waiting') return taken(`Số ${ticket.number} đã được gọi hoặc đã xử lý.`);
      const service =
        (await readQueueConfig(server.db, ticket.centre_id)).services.find((s) => s.id === ticket.service_id) ?? null;
      if (
        !inQueueOf({ serviceId: ticket.service_id, pinnedCounterId: ticket.pinned_counter_id }, body.counterId, service)
      ) {
        return taken(`Số ${ticket.number} không thuộc hàng đợi của quầy này.`);
      }
      const expiresMs = nowMs + CLAIM_TTL_MS;
      // One statement decides: a live claim of another counter is left alone (atomic on both engines).
      const won = await server.db
        .insertInto('queue_claims')
        .values({
          ticket_id: body.ticketId,
          counter_id: body.counterId,
          device_id: device!.deviceId,
          expires_ms: expiresMs,
        })
        .onConflict((oc) =>
          oc
            .column('ticket_id')
            .doUpdateSet({ counter_id: body.counterId, device_id: device!.deviceId, expires_ms: expiresMs })
            .where((eb) =>
              eb.or([eb('queue_claims.expires_ms', '<=', nowMs), eb('queue_claims.counter_id', '=', body.counterId)]),
            ),
        )
        .returning('ticket_id')
        .executeTakeFirst();
      if (!won) return taken(`Số ${ticket.number} vừa được quầy khác gọi.`);
      // A call that landed between the read above and the insert deleted its own claim, so the
      // insert found nothing to conflict with: look again, and give the claim back if so.
      const after = await server.db
        .selectFrom('queue_tickets')
        .select('status')
        .where('ticket_id', '=', body.ticketId)
        .executeTakeFirst();
      if (after?.status !== 'waiting') {
        await server.db
          .deleteFrom('queue_claims')
          .where('ticket_id', '=', body.ticketId)
          .where('counter_id', '=', body.counterId)
          .execute();
        return taken(`Số ${ticket.number} vừa được quầy khác gọi.`);
      }
      return { granted: true, expiresAt: new Date(expiresMs).toISOString() };
    },
  });

  addRoute(app, server, {
    method: 'GET',
    url: QUEUE_PATHS.stream,
    summary: 'Luồng sự kiện (SSE) các thay đổi hàng đợi liên quan đến quầy của kiosk, phát lại từ ?after=',
    access: 'device',
    query: QueueStreamQuerySchema,
    produces: ['text/event-stream'],
    handler: async ({ request, reply, query, device }) => {
      if (query.counterId !== undefined) await requireCounter(server, device!.deviceId, query.counterId);
      // No counter: an entrance kiosk, which keeps a copy of every service's queue so that the
      // people ahead it tells a citizen leave the count once served.
      const scope = query.counterId === undefined ? 'centre' : { counterId: query.counterId };
      // A kiosk stays at the centre it was enrolled at: read once per stream.
      const queueDevice = { deviceId: device!.deviceId, centreId: await deviceCentreId(server.db, device!.deviceId) };
      const stream = openSse(app, request, reply);
      if (stream.closed) return;
      let cursor = query.after;
      let busy = false;
      let again = false;
      const pump = async (): Promise<void> => {
        if (busy) {
          again = true;
          return;
        }
        busy = true;
        try {
          do {
            again = false;
            cursor = await sendFrom(server, stream, queueDevice, scope, cursor);
          } while (again && !stream.closed);
        } finally {
          busy = false;
        }
      };
      const wake = () => void pump().catch((error: unknown) => server.log(`Luồng hàng đợi: ${String(error)}`));
      const unsubscribe = onIngested(server, wake);
      const backstop = setInterval(wake, BACKSTOP_MS);
      stream.onClose(() => {
        unsubscribe();
        clearInterval(backstop);
      });
      wake();
    },
  });
}

/** Sends every relevant change after `cursor`, page by page; returns the new cursor. */
async function sendFrom(
  server: ServerContext,
  stream: { send(event: string, data: unknown): void; closed: boolean },
  { deviceId, centreId }: QueueDevice,
  /** A counter's id, or 'centre' (an entrance: every service). */
  scope: { counterId: string } | 'centre',
  cursor: number,
): Promise<number> {
  const today = vietnamDay(server.now());
  const services = new Map((await readQueueConfig(server.db, centreId)).services.map((s) => [s.id, s]));
  for (;;) {
    if (stream.closed) return cursor;
    const rows = await server.db
      .selectFrom('queue_feed')
      .selectAll()
      .where('centre_id', '=', centreId)
      .where('seq', '>', cursor)
      .where('day', '>=', today)
      .orderBy('seq')
      .limit(PAGE)
      .execute();
    if (rows.length === 0) return cursor;
    const tickets: QueueTicketSnapshot[] = [];
    for (const row of rows) {
      if (row.device_id === deviceId) continue;
      const routed = { serviceId: row.service_id, pinnedCounterId: row.pinned_counter_id };
      const concerns =
        scope === 'centre' ||
        inQueueOf(routed, scope.counterId, services.get(row.service_id) ?? null) ||
        row.counter_id === scope.counterId;
      if (!concerns) continue;
      tickets.push({ feedSeq: row.seq, ...(JSON.parse(row.body) as Omit<QueueTicketSnapshot, 'feedSeq'>) });
    }
    cursor = rows[rows.length - 1]!.seq;
    if (tickets.length > 0) stream.send('tickets', tickets);
    // Nothing for this counter in the page: the kiosk still moves its cursor past it.
    stream.send('cursor', { after: cursor });
    if (rows.length < PAGE) return cursor;
  }
}
