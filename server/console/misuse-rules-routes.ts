import type { FastifyInstance } from 'fastify';
import { MisuseRulesSchema } from '../../shared/contract/centre-settings.ts';
import { writeLevelled } from '../config/centre-settings.ts';
import { MISUSE_RULES_KEY, misuseRulesAt } from '../config/misuse-rules.ts';
import { bumpConfigVersion } from '../config/settings.ts';
import type { ServerContext } from '../context.ts';
import { addRoute } from '../routes/route.ts';
import { sendSource, settingsLevel, SettingsLevelQuerySchema } from '../routes/settings-level.ts';

/** The walk-up misuse rules: set here, delivered to the centre's kiosks with their next sync. */
export function misuseRulesRoutes(app: FastifyInstance, server: ServerContext): void {
  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/console/misuse-rules',
    summary:
      'Quy tắc đánh dấu lượt bấm không có phiếu nghi lạm dụng (khoảng cách tối thiểu, số lượt dồn dập) của một trung tâm hoặc của tỉnh',
    access: 'supervisor',
    centre: 'own',
    query: SettingsLevelQuerySchema,
    response: MisuseRulesSchema,
    handler: async ({ request, reply, user }) =>
      sendSource(reply, await misuseRulesAt(server.db, await settingsLevel(server.db, user, request))),
  });
  addRoute(app, server, {
    method: 'PUT',
    url: '/api/v1/console/misuse-rules',
    summary: 'Đổi quy tắc đánh dấu lạm dụng của một trung tâm hoặc của tỉnh; kiosk nhận ở lần đồng bộ sau',
    access: 'admin',
    centre: 'own',
    query: SettingsLevelQuerySchema,
    body: MisuseRulesSchema,
    response: MisuseRulesSchema,
    handler: async ({ body, request, user }) => {
      const level = await settingsLevel(server.db, user, request);
      await server.db.transaction().execute(async (trx) => {
        await writeLevelled(trx, MISUSE_RULES_KEY, JSON.stringify(body), level);
        await bumpConfigVersion(trx, level);
      });
      return body;
    },
  });
}
