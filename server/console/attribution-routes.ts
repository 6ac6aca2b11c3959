import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import {
  ATTRIBUTION_LIST_MAX,
  AttributionQuerySchema,
  type AttributionMismatchList,
} from '../../shared/contract/console-api.ts';
import { AttributionMismatchListSchema } from '../../shared/contract/console-responses.ts';
import { vietnamDayRange } from '../../shared/domain/vietnam-time.ts';
import type { ServerContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { addRoute } from '../routes/route.ts';
import { readCentre } from '../reports/centre-filter.ts';

/** The events of [from, to] filed under another agency than the kiosk sent, latest first (issue 9 item 8). */
export async function attributionMismatches(
  db: Db,
  from: string,
  to: string,
  centreId: number | null = null,
): Promise<AttributionMismatchList> {
  vietnamDayRange(from, to); // a reversed or impossible period is a 400
  let inPeriod = db.selectFrom('attribution_mismatches as m').where('m.day', '>=', from).where('m.day', '<=', to);
  // The kiosk that sent the event says where it happened (devices' primary key).
  if (centreId !== null) {
    inPeriod = inPeriod.where((eb) =>
      eb.exists(
        eb
          .selectFrom('devices as dc')
          .select('dc.id')
          .whereRef('dc.id', '=', 'm.device_id')
          .where('dc.centre_id', '=', centreId),
      ),
    );
  }
  const counted = await inPeriod.select(sql<string | number>`count(*)`.as('n')).executeTakeFirst();
  const rows = await inPeriod
    .leftJoin('officers as o', 'o.id', 'm.officer_id')
    .leftJoin('devices as d', 'd.id', 'm.device_id')
    .leftJoin('agencies as sent', 'sent.id', 'm.sent_agency_id')
    .leftJoin('agencies as filed', 'filed.id', 'm.filed_agency_id')
    .select([
      'm.event_id',
      'm.event_type',
      'm.day',
      'm.officer_id',
      'o.full_name',
      'd.name as device_name',
      'm.sent_agency_id',
      'sent.name as sent_name',
      'm.filed_agency_id',
      'filed.name as filed_name',
      'm.kind',
      'm.received_at',
    ])
    .orderBy('m.day', 'desc')
    .orderBy('m.received_at', 'desc')
    .orderBy('m.event_id')
    .limit(ATTRIBUTION_LIST_MAX)
    .execute();
  return {
    from,
    to,
    // PostgreSQL answers count(*) as a string (bigint).
    total: Number(counted?.n ?? 0),
    rows: rows.map((r) => ({
      eventId: r.event_id,
      eventType: r.event_type,
      day: r.day,
      officerId: r.officer_id,
      officerName: r.full_name ?? r.officer_id,
      deviceName: r.device_name ?? '',
      sentAgencyName: r.sent_name ?? r.sent_agency_id,
      filedAgencyName: r.filed_name ?? r.filed_agency_id,
      kind: r.kind,
      receivedAt: r.received_at,
    })),
  };
}

export function attributionRoutes(app: FastifyInstance, server: ServerContext): void {
  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/console/attribution-mismatches',
    summary:
      'Đánh giá và phiếu mà kiosk ghi sai cơ quan của cán bộ so với lịch sử công tác (đã ghi theo lịch sử, giữ lại để kiểm tra)',
    access: 'supervisor',
    query: AttributionQuerySchema,
    response: AttributionMismatchListSchema,
    centre: 'own',
    handler: async ({ query, request, user }) =>
      attributionMismatches(
        server.db,
        query.from,
        query.to,
        (await readCentre(server.db, user, request.query))?.id ?? null,
      ),
  });
}
