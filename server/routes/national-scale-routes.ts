import type { FastifyInstance } from 'fastify';
import { NationalScaleMapSchema } from '../../shared/contract/centre-settings.ts';
import { CoverageQuerySchema } from '../../shared/contract/server-api.ts';
import { listAllLevels } from '../config/config-repo.ts';
import { setSetting } from '../config/settings.ts';
import type { ServerContext } from '../context.ts';
import { badRequest } from '../http-error.ts';
import { NATIONAL_MAP_KEY, nationalReport, readNationalMap } from '../reports/national-scale-query.ts';
import { checkPeriod, sendFile } from './report-routes.ts';
import { addRoute } from './route.ts';
import { readCentre } from '../reports/centre-filter.ts';
import { ReadCentreQuerySchema } from '../../shared/contract/centres-api.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The national three-level view and index (issue 11 §5), and the centre's mapping onto it. */
export function nationalScaleRoutes(app: FastifyInstance, server: ServerContext): void {
  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/reports/national-scale',
    summary:
      'Thang ba mức (Rất hài lòng / Hài lòng / Không hài lòng), tỷ lệ hài lòng và chỉ số 0–100 theo cán bộ, cơ quan và toàn Trung tâm',
    access: 'supervisor',
    query: CoverageQuerySchema,
    produces: ['application/json', 'text/csv', XLSX],
    centre: 'own',
    handler: async ({ query, reply, request, user }) => {
      checkPeriod(query.from, query.to);
      const centre = await readCentre(server.db, user, request.query);
      const report = await nationalReport(server.db, query.from, query.to, server.now(), centre);
      if (query.format === 'json') return report;
      const name = `thang-ba-muc_${report.from}_${report.to}.${query.format}`;
      const body =
        query.format === 'csv'
          ? (await import('../reports/export/national-csv.ts')).nationalCsv(report)
          : await (await import('../reports/export/national-xlsx.ts')).nationalXlsx(report);
      return sendFile(reply, {
        body,
        fileName: name,
        contentType: query.format === 'csv' ? 'text/csv; charset=utf-8' : XLSX,
      });
    },
  });
  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/console/national-scale',
    summary: 'Cách quy đổi thang đánh giá của Trung tâm sang ba mức quốc gia (trống: mặc định)',
    access: 'supervisor',
    response: NationalScaleMapSchema,
    // The province's mapping (the province owns the scale): every centre reads the same one;
    // a centre named must still exist.
    query: ReadCentreQuerySchema,
    centre: 'own',
    handler: async ({ request, user }) => {
      await readCentre(server.db, user, request.query);
      return readNationalMap(server.db);
    },
  });
  addRoute(app, server, {
    method: 'PUT',
    url: '/api/v1/console/national-scale',
    summary: 'Đổi cách quy đổi sang ba mức quốc gia: mỗi mã mức đánh giá → rat_hai_long, hai_long hoặc khong_hai_long',
    access: 'admin',
    body: NationalScaleMapSchema,
    response: NationalScaleMapSchema,
    handler: async ({ body }) => {
      const known = new Set((await listAllLevels(server.db)).map((l) => l.code));
      const unknown = Object.keys(body).filter((code) => !known.has(code));
      if (unknown.length > 0) {
        throw badRequest(`Không có mức đánh giá ${unknown.join(', ')} trong thang của Trung tâm.`, 'unknown_level');
      }
      await setSetting(server.db, NATIONAL_MAP_KEY, JSON.stringify(body));
      return body;
    },
  });
}
