import type { FastifyInstance } from 'fastify';
import { MisuseRulesSchema } from '../../shared/contract/centre-settings.ts';
import { MISUSE_RULES_KEY, readMisuseRules } from '../config/misuse-rules.ts';
import { bumpConfigVersion, setSetting } from '../config/settings.ts';
import type { ServerContext } from '../context.ts';
import { addRoute } from '../routes/route.ts';

/** The walk-up misuse rules: set here, delivered to every kiosk with its next sync. */
export function misuseRulesRoutes(app: FastifyInstance, server: ServerContext): void {
  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/console/misuse-rules',
    summary: 'Quy tắc đánh dấu lượt bấm không có phiếu nghi lạm dụng (khoảng cách tối thiểu, số lượt dồn dập)',
    access: 'supervisor',
    response: MisuseRulesSchema,
    handler: () => readMisuseRules(server.db),
  });
  addRoute(app, server, {
    method: 'PUT',
    url: '/api/v1/console/misuse-rules',
    summary: 'Đổi quy tắc đánh dấu lạm dụng; kiosk nhận ở lần đồng bộ sau',
    access: 'admin',
    body: MisuseRulesSchema,
    response: MisuseRulesSchema,
    handler: async ({ body }) => {
      await server.db.transaction().execute(async (trx) => {
        await setSetting(trx, MISUSE_RULES_KEY, JSON.stringify(body));
        await bumpConfigVersion(trx);
      });
      return body;
    },
  });
}
