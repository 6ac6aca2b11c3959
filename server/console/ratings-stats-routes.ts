import type { FastifyInstance } from 'fastify';
import { RatingsStatsSchema } from '../../shared/contract/console-responses.ts';
import { RatingsQuerySchema } from '../../shared/contract/console-api.ts';
import type { ServerContext } from '../context.ts';
import { addRoute } from '../routes/route.ts';
import { ratingsStats } from './ratings-stats-query.ts';
import { readCentre } from '../reports/centre-filter.ts';

export function ratingsStatsRoutes(app: FastifyInstance, server: ServerContext): void {
  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/console/ratings',
    summary:
      'Đánh giá trong một kỳ: theo thời gian, theo cơ quan, theo cán bộ, tỷ lệ được đánh giá, lý do chưa hài lòng, thời gian chờ và phục vụ',
    access: 'supervisor',
    query: RatingsQuerySchema,
    response: RatingsStatsSchema,
    centre: 'own',
    handler: async ({ query, request, user }) =>
      ratingsStats(server.db, query, await readCentre(server.db, user, request.query)),
  });
}
