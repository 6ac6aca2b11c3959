import type { FastifyInstance } from 'fastify';
import { CoverageQuerySchema, ReportQuerySchema } from '../../shared/contract/server-api.ts';
import type { ServerContext } from '../context.ts';
import { HttpError, badRequest, notFound } from '../http-error.ts';
import { coverageReport } from '../reports/coverage-query.ts';
import type { ExportedFile } from '../reports/export/index.ts';
import { phuLuc2ProvinceReport, phuLuc2Report } from '../reports/phu-luc-2-query.ts';
import { actingCentre, isProvinceAdmin } from '../auth/centre-scope.ts';
import type { AuthUser } from '../auth/guard.ts';
import { centreByCode, listCentres } from '../config/centres.ts';
import type { CentreOut } from '../../shared/contract/centres-api.ts';
import type { PhuLuc2Report } from '../../shared/domain/phu-luc-2.ts';
import { addRoute } from './route.ts';
import { readCentre } from '../reports/centre-filter.ts';
import type { FastifyReply } from 'fastify';

// The exporters pull in exceljs, docx and pdfkit (~50 MB): loaded on the first file export only.
const exporters = () => import('../reports/export/index.ts');

export function checkPeriod(from: string, to: string): void {
  if (from > to) throw badRequest('Ngày bắt đầu (from) phải trước hoặc bằng ngày kết thúc (to).', 'bad_period');
}

export function sendFile(reply: FastifyReply, file: ExportedFile): FastifyReply {
  // RFC 5987: the Vietnamese-free ASCII name plus the UTF-8 one.
  const ascii = file.fileName.normalize('NFD').replace(/[^\x20-\x7e]/g, '');
  return reply
    .header('Content-Type', file.contentType)
    .header(
      'Content-Disposition',
      `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    )
    .header('Cache-Control', 'no-store')
    .send(file.body);
}

/**
 * Phụ lục 2 for one centre (`centre=<code>`, else the caller's centre, else the first) or, for a
 * province admin, `scope=province`. The centre's name is a title line once the province has
 * several centres or one is named.
 */
async function centrePhuLuc2(
  server: ServerContext,
  user: AuthUser | null,
  query: { from: string; to: string; centre?: string | undefined; scope: 'centre' | 'province' },
): Promise<PhuLuc2Report> {
  const centres = await listCentres(server.db);
  const firstId = centres[0]?.id;
  const asReportCentre = (c: CentreOut) => ({ ...c, first: c.id === firstId });
  if (query.scope === 'province') {
    if (!isProvinceAdmin(user)) {
      throw new HttpError(403, 'forbidden', 'Chỉ quản trị viên cấp tỉnh được xem báo cáo toàn tỉnh.');
    }
    return phuLuc2ProvinceReport(server.db, centres.map(asReportCentre), query.from, query.to, server.now());
  }
  const named = query.centre === undefined ? undefined : await centreByCode(server.db, query.centre);
  if (query.centre !== undefined && !named) throw notFound(`Không có trung tâm mã "${query.centre}".`);
  const id = await actingCentre(server.db, user, named?.id);
  const centre = centres.find((c) => c.id === id)!;
  return phuLuc2Report(server.db, query.from, query.to, server.now(), {
    centre: asReportCentre(centre),
    scopeLine: named !== undefined || centres.length > 1,
  });
}

export function reportRoutes(app: FastifyInstance, server: ServerContext): void {
  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/reports/phu-luc-2',
    summary: 'Phụ lục 2: kết quả đánh giá theo cán bộ, các ngày theo giờ Việt Nam, tính cả hai đầu',
    access: 'supervisor',
    query: ReportQuerySchema,
    produces: [
      'application/json',
      'text/csv',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/pdf',
    ],
    centre: 'own',
    handler: async ({ query, reply, user }) => {
      checkPeriod(query.from, query.to);
      const report = await centrePhuLuc2(server, user, query);
      if (query.format === 'json') return report;
      return sendFile(
        reply,
        await (
          await exporters()
        ).exportPhuLuc2(report, query.format, { csvDelimiter: query.delimiter === 'semicolon' ? ';' : ',' }),
      );
    },
  });

  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/reports/coverage',
    summary: 'Tỷ lệ đánh giá và thời gian phục vụ theo cán bộ',
    access: 'supervisor',
    query: CoverageQuerySchema,
    produces: ['application/json', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    centre: 'own',
    handler: async ({ query, reply, request, user }) => {
      checkPeriod(query.from, query.to);
      const centre = await readCentre(server.db, user, request.query);
      const report = await coverageReport(server.db, query.from, query.to, server.now(), centre);
      if (query.format === 'json') return report;
      return sendFile(reply, await (await exporters()).exportCoverage(report, query.format));
    },
  });
}
