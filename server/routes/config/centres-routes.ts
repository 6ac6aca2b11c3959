import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CentreInputSchema, CentreOutSchema } from '../../../shared/contract/centres-api.ts';
import { scopeOf } from '../../auth/centre-scope.ts';
import { createCentre, listCentres } from '../../config/centres.ts';
import type { ServerContext } from '../../context.ts';
import { addRoute } from '../route.ts';
import { change } from './change.ts';

/** The province's centres (issue 13 §1): a province admin adds them; everyone sees the ones they work in. */
export function centresRoutes(app: FastifyInstance, server: ServerContext): void {
  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/centres',
    summary: 'Các trung tâm (quản trị viên cấp tỉnh: tất cả; người khác: trung tâm của mình)',
    access: 'supervisor',
    centre: 'own',
    response: z.array(CentreOutSchema),
    handler: async ({ user }) => {
      const own = scopeOf(user);
      return (await listCentres(server.db)).filter((c) => own === null || c.id === own);
    },
  });
  addRoute(app, server, {
    method: 'POST',
    url: '/api/v1/centres',
    summary: 'Thêm trung tâm (quản trị viên cấp tỉnh)',
    access: 'province_admin',
    body: CentreInputSchema,
    response: CentreOutSchema,
    handler: async ({ body, reply }) => {
      const centre = await change(server.db, (trx) => createCentre(trx, body, server.now()));
      reply.code(201);
      return centre;
    },
  });
}
