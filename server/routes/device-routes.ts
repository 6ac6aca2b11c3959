import type { FastifyInstance } from 'fastify';
import { OkSchema } from '../../shared/contract/server-api.ts';
import { sql } from 'kysely';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  DeviceSummarySchema,
  EnrollmentCodeRequestSchema,
  EnrollmentCodeResponseSchema,
} from '../../shared/contract/server-api.ts';
import {
  CLOCK_OFFSET_WARN_MS,
  EnrollRequestSchema,
  EnrollResponseSchema,
  SYNC_PATHS,
} from '../../shared/contract/sync-protocol.ts';
import { hashToken, newEnrollmentCode, newToken, normaliseCode } from '../auth/tokens.ts';
import type { ServerContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { HttpError, notFound } from '../http-error.ts';
import { deviceAssignmentSummary } from '../sync/device-assignment.ts';
import { insertDevice } from '../sync/devices.ts';
import { addRoute } from './route.ts';
import { actingCentre, scopeOf } from '../auth/centre-scope.ts';
import { CentreFilterQuerySchema } from '../../shared/contract/centres-api.ts';

const DEFAULT_CODE_HOURS = 24;

/** `centreId`: that centre's kiosks only (null: every centre's). */
export async function listDevices(db: Db, centreId: number | null = null) {
  let query = db.selectFrom('devices').selectAll().orderBy('created_at');
  if (centreId !== null) query = query.where('centre_id', '=', centreId);
  const rows = await query.execute();
  return rows.map((d) => {
    const span = d.first_seq === null ? 0 : d.last_seq - d.first_seq + 1;
    return {
      id: d.id,
      name: d.name,
      createdAt: d.created_at,
      lastSyncAt: d.last_sync_at,
      lastSeq: d.last_seq,
      eventCount: d.event_count,
      gaps: Math.max(0, span - d.event_count),
      clockOffsetMs: d.clock_offset_ms,
      clockWarning: d.clock_offset_ms !== null && Math.abs(d.clock_offset_ms) > CLOCK_OFFSET_WARN_MS,
      clockCorrectedEvents: d.clock_corrected_events,
      lastClockCorrectionAt: d.last_clock_correction_at,
      version: d.app_version,
      configVersion: d.config_version,
      revoked: d.revoked_at !== null,
      printer: d.printer_state === null ? null : { state: d.printer_state, message: d.printer_message ?? '' },
      pendingEvents: d.pending_events,
      storageFull: d.storage_state === 'full',
      appVersion: d.app_version,
      ...deviceAssignmentSummary(d),
    };
  });
}

export function deviceRoutes(app: FastifyInstance, server: ServerContext): void {
  addRoute(app, server, {
    method: 'POST',
    url: '/api/v1/devices/enrollment-codes',
    summary: 'Tạo mã đăng ký thiết bị dùng một lần (mặc định hết hạn sau 24 giờ)',
    access: 'admin',
    body: EnrollmentCodeRequestSchema.optional().transform((b) => b ?? {}),
    response: EnrollmentCodeResponseSchema,
    centre: 'own',
    handler: async ({ body, user, reply }) => {
      const centreId = await actingCentre(server.db, user, body.centreId);
      const code = newEnrollmentCode();
      const now = server.now();
      const expiresMs = now.getTime() + (body.validHours ?? DEFAULT_CODE_HOURS) * 3_600_000;
      await server.db
        .insertInto('enrollment_codes')
        .values({
          code_hash: hashToken(normaliseCode(code)),
          created_by: user!.userId,
          created_at: now.toISOString(),
          expires_ms: Math.round(expiresMs),
          used_at: null,
          device_id: null,
          centre_id: centreId,
        })
        .execute();
      reply.code(201);
      return { code, expiresAt: new Date(expiresMs).toISOString() };
    },
  });

  addRoute(app, server, {
    method: 'POST',
    url: SYNC_PATHS.enroll,
    summary: 'Đăng ký kiosk bằng mã dùng một lần; trả mã truy cập của thiết bị',
    access: 'public',
    body: EnrollRequestSchema,
    response: EnrollResponseSchema,
    handler: async ({ body, reply }) => {
      const now = server.now();
      const deviceId = `kiosk-${randomUUID()}`;
      const token = newToken();
      const codeHash = hashToken(normaliseCode(body.code));
      await server.db.transaction().execute(async (trx) => {
        // The conditional UPDATE is the one-time check: two kiosks racing for one code, one wins.
        const used = await trx
          .updateTable('enrollment_codes')
          .set({ used_at: now.toISOString(), device_id: deviceId })
          .where('code_hash', '=', codeHash)
          .where('used_at', 'is', null)
          .where('expires_ms', '>', now.getTime())
          .executeTakeFirst();
        if (Number(used.numUpdatedRows) !== 1) {
          const row = await trx
            .selectFrom('enrollment_codes')
            .selectAll()
            .where('code_hash', '=', codeHash)
            .executeTakeFirst();
          const message = !row
            ? 'Mã đăng ký không đúng.'
            : row.used_at !== null
              ? 'Mã đăng ký này đã được dùng. Hãy xin quản trị viên một mã mới.'
              : 'Mã đăng ký đã hết hạn. Hãy xin quản trị viên một mã mới.';
          throw new HttpError(400, 'bad_enrollment_code', message);
        }
        // The kiosk joins the centre the code was made for.
        const { centre_id: centreId } = await trx
          .selectFrom('enrollment_codes')
          .select('centre_id')
          .where('code_hash', '=', codeHash)
          .executeTakeFirstOrThrow();
        await insertDevice(trx, {
          id: deviceId,
          name: body.name,
          tokenHash: hashToken(token),
          createdAt: now,
          centreId,
        });
      });
      reply.code(201);
      return { deviceId, token };
    },
  });

  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/devices',
    summary:
      'Các kiosk: vai trò, quầy, máy in được gán, lần đồng bộ cuối, số thứ tự, khoảng trống, lệch đồng hồ, phiên bản',
    access: 'supervisor',
    query: CentreFilterQuerySchema,
    response: z.array(DeviceSummarySchema),
    centre: 'own',
    handler: ({ user, query }) => listDevices(server.db, scopeOf(user) ?? query.centreId ?? null),
  });

  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/devices/:id/gaps',
    summary: 'Các khoảng số thứ tự sự kiện chưa nhận được từ một kiosk (tối đa 100 khoảng)',
    access: 'supervisor',
    response: z.array(z.object({ from: z.number(), to: z.number() })),
    centre: { table: 'devices' },
    handler: async ({ params }) => {
      const exists = await server.db.selectFrom('devices').select('id').where('id', '=', params.id!).executeTakeFirst();
      if (!exists) throw notFound('Không tìm thấy thiết bị.');
      // LAG over the device's stored seqs: a jump of more than one is a range that never arrived.
      const rows = await sql<{ seq: number; prev: number | null }>`
        SELECT seq, prev FROM (
          SELECT seq, LAG(seq) OVER (ORDER BY seq) AS prev FROM events WHERE device_id = ${params.id!}
        ) AS s
        WHERE prev IS NOT NULL AND seq - prev > 1
        ORDER BY seq
        LIMIT 100`.execute(server.db);
      return rows.rows.map((r) => ({ from: (r.prev ?? 0) + 1, to: r.seq - 1 }));
    },
  });

  addRoute(app, server, {
    method: 'POST',
    url: '/api/v1/devices/:id/revoke',
    summary: 'Thu hồi mã truy cập của một kiosk',
    access: 'admin',
    response: OkSchema,
    centre: { table: 'devices' },
    handler: async ({ params }) => {
      const result = await server.db
        .updateTable('devices')
        .set({ revoked_at: server.now().toISOString() })
        .where('id', '=', params.id!)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) {
        const exists = await server.db
          .selectFrom('devices')
          .select('id')
          .where('id', '=', params.id!)
          .executeTakeFirst();
        if (!exists) throw notFound('Không tìm thấy thiết bị.');
      }
      return { ok: true };
    },
  });
}
