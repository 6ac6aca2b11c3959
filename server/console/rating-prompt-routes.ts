import type { FastifyInstance } from 'fastify';
import { RatingPromptSettingsSchema } from '../../shared/contract/centre-settings.ts';
import { writeLevelled } from '../config/centre-settings.ts';
import { RATING_PROMPT_KEY, ratingPromptAt } from '../config/rating-prompt-settings.ts';
import { bumpConfigVersion } from '../config/settings.ts';
import type { ServerContext } from '../context.ts';
import { addRoute } from '../routes/route.ts';
import { sendSource, settingsLevel, SettingsLevelQuerySchema } from '../routes/settings-level.ts';

/** Whether a dossier code is required before `Hoàn thành`: set here, delivered to the centre's kiosks with their next sync. */
export function ratingPromptRoutes(app: FastifyInstance, server: ServerContext): void {
  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/console/rating-prompt',
    summary:
      'Thiết lập lời mời đánh giá của một trung tâm hoặc của tỉnh: có bắt buộc nhập mã hồ sơ trước khi hoàn thành',
    access: 'supervisor',
    centre: 'own',
    query: SettingsLevelQuerySchema,
    response: RatingPromptSettingsSchema,
    handler: async ({ request, reply, user }) =>
      sendSource(reply, await ratingPromptAt(server.db, await settingsLevel(server.db, user, request))),
  });
  addRoute(app, server, {
    method: 'PUT',
    url: '/api/v1/console/rating-prompt',
    summary: 'Đổi thiết lập lời mời đánh giá của một trung tâm hoặc của tỉnh; kiosk nhận ở lần đồng bộ sau',
    access: 'admin',
    centre: 'own',
    query: SettingsLevelQuerySchema,
    body: RatingPromptSettingsSchema,
    response: RatingPromptSettingsSchema,
    handler: async ({ body, request, user }) => {
      const level = await settingsLevel(server.db, user, request);
      await server.db.transaction().execute(async (trx) => {
        await writeLevelled(trx, RATING_PROMPT_KEY, JSON.stringify(body), level);
        await bumpConfigVersion(trx, level);
      });
      return body;
    },
  });
}
