import type { FastifyInstance } from 'fastify';
import { OkSchema } from '../../shared/contract/server-api.ts';
import { z } from 'zod';
import { DevicePatchSchema, TechnicianPinSchema } from '../../shared/contract/provisioning.ts';
import { DeviceSummarySchema } from '../../shared/contract/server-api.ts';
import { hashSecret } from '../auth/secret-hash.ts';
import {
  dutyAt,
  minPinLengthAt,
  setDutySettings,
  setMinPinLength,
  setTechnicianPinHash,
  technicianPinAt,
} from '../config/centre-secrets.ts';
import { bumpConfigVersion } from '../config/settings.ts';
import type { ServerContext } from '../context.ts';
import { badRequest, notFound } from '../http-error.ts';
import { listDevices } from './device-routes.ts';
import { addRoute } from './route.ts';
import { sendSource, settingsLevel, SettingsLevelQuerySchema } from './settings-level.ts';

const DutySchema = z.object({
  endOfDay: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Giờ kết thúc ngày làm việc có dạng HH:MM (ví dụ 17:30).'),
  idleMinutes: z
    .number()
    .int()
    .min(0, 'Thời gian không thao tác từ 0 (không giới hạn) đến 1440 phút.')
    .max(24 * 60, 'Thời gian không thao tác từ 0 (không giới hạn) đến 1440 phút.'),
});

const PinPolicySchema = z.object({
  minOfficerPinLength: z
    .number()
    .int()
    .min(4, 'Độ dài tối thiểu từ 4 đến 8 chữ số.')
    .max(8, 'Độ dài tối thiểu từ 4 đến 8 chữ số.'),
});

/**
 * How the console provisions kiosks (issue 8 §1, §3): each kiosk's role, counter and printer,
 * and the technician PIN, duty limits and PIN policy of a centre or of the province
 * (routes/settings-level.ts). A centre's kiosks receive all of it with their sync.
 */
export function provisioningRoutes(app: FastifyInstance, server: ServerContext): void {
  const scoped = { centre: 'own', query: SettingsLevelQuerySchema } as const;
  const level = (user: Parameters<typeof settingsLevel>[1], request: Parameters<typeof settingsLevel>[2]) =>
    settingsLevel(server.db, user, request);
  addRoute(app, server, {
    method: 'PATCH',
    url: '/api/v1/devices/:id',
    summary:
      'Gán vai trò (quầy hoặc lối vào), quầy, máy in và lời mời đánh giá bằng giọng nói cho một kiosk; kiosk nhận ở lần đồng bộ sau',
    access: 'admin',
    body: DevicePatchSchema,
    response: DeviceSummarySchema,
    centre: { table: 'devices' },
    handler: async ({ params, body }) => {
      const id = params.id!;
      const device = await server.db
        .selectFrom('devices')
        .select(['id', 'centre_id'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!device) throw notFound('Không tìm thấy thiết bị.');
      if (body.role === 'counter' && !body.counterId) {
        throw badRequest('Kiosk tại quầy cần chọn một quầy (counterId).');
      }
      const counterId = body.role === 'counter' ? body.counterId! : null;
      if (counterId !== null) {
        const counter = await server.db
          .selectFrom('counters')
          .select('id')
          .where('id', '=', counterId)
          // A kiosk serves a counter of its own centre only.
          .where('centre_id', '=', device.centre_id)
          .executeTakeFirst();
        if (!counter) throw badRequest(`Không có quầy mã "${counterId}" tại trung tâm của kiosk này.`);
      }
      // The version goes up so every kiosk fetches its configuration again: what a kiosk
      // receives depends on its role (an entrance kiosk gets no officer PIN hashes).
      await server.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('devices')
          .set({
            role: body.role,
            counter_id: counterId,
            ...(body.printer !== undefined
              ? {
                  printer_url: body.printer?.url ?? null,
                  printer_paper_width: body.printer?.paperWidth ?? null,
                }
              : {}),
            ...(body.ratingVoice !== undefined
              ? { rating_voice: body.ratingVoice === null ? null : body.ratingVoice ? 1 : 0 }
              : {}),
          })
          .where('id', '=', id)
          .execute();
        await bumpConfigVersion(trx, device.centre_id);
      });
      return (await listDevices(server.db)).find((d) => d.id === id);
    },
  });

  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/centre/technician-pin',
    summary: 'Mã PIN kỹ thuật viên của trung tâm đã được đặt hay chưa (không bao giờ trả mã)',
    access: 'supervisor',
    response: z.object({ set: z.boolean() }),
    ...scoped,
    handler: async ({ request, reply, user }) => {
      const read = await technicianPinAt(server.db, await level(user, request));
      return sendSource(reply, { ...read, value: { set: read.value !== null } });
    },
  });

  addRoute(app, server, {
    method: 'PUT',
    url: '/api/v1/centre/technician-pin',
    summary: 'Đặt mã PIN kỹ thuật viên (6–8 chữ số) cho mọi kiosk của trung tâm; kiosk nhận bản băm',
    access: 'admin',
    body: TechnicianPinSchema,
    response: OkSchema,
    ...scoped,
    handler: async ({ body, request, user }) => {
      const at = await level(user, request);
      const hash = await hashSecret(body.pin);
      await server.db.transaction().execute(async (trx) => {
        await setTechnicianPinHash(trx, hash, at);
        await bumpConfigVersion(trx, at);
      });
      return { ok: true };
    },
  });

  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/centre/duty',
    summary: 'Giờ kết thúc ngày làm việc và thời gian không thao tác trước khi tự đăng xuất cán bộ',
    access: 'supervisor',
    response: DutySchema,
    ...scoped,
    handler: async ({ request, reply, user }) => sendSource(reply, await dutyAt(server.db, await level(user, request))),
  });

  addRoute(app, server, {
    method: 'PUT',
    url: '/api/v1/centre/duty',
    summary: 'Đặt giờ kết thúc ngày làm việc (giờ Việt Nam) và thời gian không thao tác (phút, 0 = không giới hạn)',
    access: 'admin',
    body: DutySchema,
    response: DutySchema,
    ...scoped,
    handler: async ({ body, request, user }) => {
      const at = await level(user, request);
      await server.db.transaction().execute(async (trx) => {
        await setDutySettings(trx, body, at);
        await bumpConfigVersion(trx, at);
      });
      return body;
    },
  });

  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/centre/pin-policy',
    summary: 'Độ dài tối thiểu của mã PIN cán bộ mới',
    access: 'supervisor',
    response: PinPolicySchema,
    ...scoped,
    handler: async ({ request, reply, user }) => {
      const read = await minPinLengthAt(server.db, await level(user, request));
      return sendSource(reply, { ...read, value: { minOfficerPinLength: read.value } });
    },
  });

  addRoute(app, server, {
    method: 'PUT',
    url: '/api/v1/centre/pin-policy',
    summary: 'Đặt độ dài tối thiểu của mã PIN cán bộ mới (4–8 chữ số, mặc định 6)',
    access: 'admin',
    body: PinPolicySchema,
    response: PinPolicySchema,
    ...scoped,
    handler: async ({ body, request, user }) => {
      await setMinPinLength(server.db, body.minOfficerPinLength, await level(user, request));
      return body;
    },
  });
}
