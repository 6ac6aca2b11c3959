import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../../context.ts';
import { CentreSchema, ConsoleConfigSchema } from '../../../shared/contract/server-api.ts';
import { buildSyncConfig, centreName } from '../../config/config-repo.ts';
import { setSetting } from '../../config/settings.ts';
import { addRoute } from '../route.ts';
import { change } from './change.ts';

/** The whole configuration (as a kiosk gets it, without PIN hashes) and the centre's name. */
export function centreRoutes(app: FastifyInstance, server: ServerContext): void {
  const db = () => server.db;

  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/config',
    summary: 'Toàn bộ cấu hình hiện hành (không kèm mã PIN)',
    access: 'supervisor',
    // The schema leaves the PIN hashes out; the response check drops them (server/routes/route.ts).
    response: ConsoleConfigSchema,
    handler: async () => buildSyncConfig(db()),
  });

  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/centre',
    summary: 'Tên trung tâm',
    access: 'supervisor',
    response: CentreSchema,
    handler: async () => ({ centreName: await centreName(db()) }),
  });
  addRoute(app, server, {
    method: 'PUT',
    url: '/api/v1/centre',
    summary: 'Đổi tên trung tâm',
    access: 'admin',
    body: CentreSchema,
    response: CentreSchema,
    handler: async ({ body }) => {
      await change(db(), (trx) => setSetting(trx, 'centre.name', body.centreName));
      return body;
    },
  });
}
