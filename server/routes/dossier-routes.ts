import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DossierCodeSchema } from '../../shared/domain/events.ts';
import { periodLine } from '../../shared/domain/phu-luc-2-builder.ts';
import { CoverageQuerySchema } from '../../shared/contract/server-api.ts';
import type { ServerContext } from '../context.ts';
import { dossierRatings } from '../reports/dossier-ratings-query.ts';
import { checkPeriod, sendFile } from './report-routes.ts';
import { addRoute } from './route.ts';
import { readCentre } from '../reports/centre-filter.ts';
import { ReadCentreQuerySchema } from '../../shared/contract/centres-api.ts';
import type { DossierRatingRow } from '../../shared/domain/dossier-ratings.ts';

/** The lookup's answer, tied to the row type so a field added to one and not the other fails the type check. */
const DossierLookupSchema = z.strictObject({
  rows: z.array(
    z.strictObject({
      stt: z.number().int(),
      dossierCode: z.string(),
      fullName: z.string(),
      agencyName: z.string(),
      occurredAt: z.string(),
      time: z.string(),
      level: z.string(),
      levelLabel: z.string(),
      channel: z.string(),
    }) satisfies z.ZodType<DossierRatingRow>,
  ),
});

/** One rating per dossier: the lookup by dossier code, and the per-dossier export over a period. */
export function dossierRoutes(app: FastifyInstance, server: ServerContext): void {
  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/ratings',
    summary: 'Tra cứu lượt đánh giá theo mã hồ sơ (mỗi hồ sơ được đánh giá một lần)',
    access: 'supervisor',
    query: ReadCentreQuerySchema.extend({ dossier: DossierCodeSchema }).strict(),
    response: DossierLookupSchema,
    centre: 'own',
    handler: async ({ query, request, user }) => ({
      rows: await dossierRatings(
        server.db,
        { dossier: query.dossier },
        await readCentre(server.db, user, request.query),
      ),
    }),
  });

  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/reports/dossiers',
    summary: 'Danh sách đánh giá theo mã hồ sơ (đối chiếu với hệ thống một cửa của tỉnh)',
    access: 'supervisor',
    query: CoverageQuerySchema,
    produces: ['application/json', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    centre: 'own',
    handler: async ({ query, reply, request, user }) => {
      checkPeriod(query.from, query.to);
      const centre = await readCentre(server.db, user, request.query);
      const report = {
        from: query.from,
        to: query.to,
        periodLine: periodLine(query.from, query.to),
        rows: await dossierRatings(server.db, { from: query.from, to: query.to }, centre),
      };
      if (query.format === 'json') return report;
      const { exportDossierRatings } = await import('../reports/export/dossier-export.ts');
      return sendFile(reply, await exportDossierRatings(report, query.format));
    },
  });
}
