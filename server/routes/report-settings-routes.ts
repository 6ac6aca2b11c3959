import type { FastifyInstance } from 'fastify';
import { OkSchema } from '../../shared/contract/server-api.ts';
import { ReportNoteInputSchema } from '../../shared/contract/server-api.ts';
import { ReportFramingSchema } from '../../shared/domain/report-framing.ts';
import { toVietnamIso } from '../../shared/domain/vietnam-time.ts';
import type { ServerContext } from '../context.ts';
import { badRequest, notFound } from '../http-error.ts';
import { framingAt, saveFraming, saveNote } from '../reports/report-settings.ts';
import { scopeOf } from '../auth/centre-scope.ts';
import { addRoute } from './route.ts';
import { sendSource, settingsLevel, SettingsLevelQuerySchema } from './settings-level.ts';

/**
 * What a supervisor sets around Phụ lục 2: the annex framing (per centre, else the province's:
 * routes/settings-level.ts) and the per-period notes of their own centre's officers (issue 10).
 */
export function reportSettingsRoutes(app: FastifyInstance, server: ServerContext): void {
  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/reports/framing',
    summary: 'Khung phụ lục: nhãn "Phụ lục 2", cơ quan ban hành, địa danh, người ký',
    access: 'supervisor',
    response: ReportFramingSchema,
    centre: 'own',
    query: SettingsLevelQuerySchema,
    handler: async ({ request, reply, user }) =>
      sendSource(reply, await framingAt(server.db, await settingsLevel(server.db, user, request))),
  });
  addRoute(app, server, {
    method: 'PUT',
    url: '/api/v1/reports/framing',
    summary: 'Sửa khung phụ lục',
    access: 'supervisor',
    body: ReportFramingSchema,
    response: ReportFramingSchema,
    centre: 'own',
    query: SettingsLevelQuerySchema,
    handler: async ({ body, request, user }) => {
      await saveFraming(server.db, body, await settingsLevel(server.db, user, request));
      return body;
    },
  });
  addRoute(app, server, {
    method: 'PUT',
    url: '/api/v1/reports/phu-luc-2/notes',
    summary: 'Ghi chú của một dòng Phụ lục 2 cho một kỳ báo cáo (để trống để xoá)',
    access: 'supervisor',
    body: ReportNoteInputSchema,
    response: OkSchema,
    centre: 'own',
    handler: async ({ body, user }) => {
      if (body.from > body.to) {
        throw badRequest('Ngày bắt đầu (from) phải trước hoặc bằng ngày kết thúc (to).', 'bad_period');
      }
      const officer = await server.db
        .selectFrom('officers')
        .select(['id', 'centre_id'])
        .where('id', '=', body.officerId)
        .executeTakeFirst();
      // Another centre's officer is not confirmed to exist to a centre's user.
      const own = scopeOf(user);
      if (!officer || (own !== null && officer.centre_id !== own)) throw notFound('Không có cán bộ này.');
      const agency = await server.db
        .selectFrom('agencies')
        .select('id')
        .where('id', '=', body.agencyId)
        .executeTakeFirst();
      if (!agency) throw notFound('Không có cơ quan, đơn vị này.');
      await saveNote(server.db, {
        ...body,
        updatedBy: user?.username ?? '',
        updatedAt: toVietnamIso(server.now()),
      });
      return { ok: true };
    },
  });
}
