import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../../context.ts';
import { CentreSchema, ConsoleConfigSchema } from '../../../shared/contract/server-api.ts';
import { buildSyncConfig, centreName } from '../../config/config-repo.ts';
import { renameCentre } from '../../config/centres.ts';
import { actingCentre } from '../../auth/centre-scope.ts';
import { CentreFilterQuerySchema } from '../../../shared/contract/centres-api.ts';
import { addRoute } from '../route.ts';
import { change } from './change.ts';

/** A centre's whole configuration (as its kiosks get it, without PIN hashes) and its name. */
export function centreRoutes(app: FastifyInstance, server: ServerContext): void {
  const db = () => server.db;

  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/config',
    summary: 'Toàn bộ cấu hình hiện hành (không kèm mã PIN)',
    access: 'supervisor',
    // The schema leaves the PIN hashes out; the response check drops them (server/routes/route.ts).
    response: ConsoleConfigSchema,
    query: CentreFilterQuerySchema,
    centre: 'own',
    handler: async ({ user, query }) => buildSyncConfig(db(), null, await actingCentre(db(), user, query.centreId)),
  });

  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/centre',
    summary: 'Tên trung tâm (mặc định: trung tâm của người dùng, hoặc trung tâm đầu tiên)',
    access: 'supervisor',
    response: CentreSchema,
    query: CentreFilterQuerySchema,
    centre: 'own',
    handler: async ({ user, query }) => ({
      centreName: await centreName(db(), await actingCentre(db(), user, query.centreId)),
    }),
  });
  addRoute(app, server, {
    method: 'PUT',
    url: '/api/v1/centre',
    summary: 'Đổi tên trung tâm',
    access: 'admin',
    query: CentreFilterQuerySchema,
    body: CentreSchema,
    response: CentreSchema,
    centre: 'own',
    handler: async ({ body, user, query }) => {
      const centre = await actingCentre(db(), user, query.centreId);
      await change(db(), (trx) => renameCentre(trx, centre, body.centreName));
      return body;
    },
  });
}
