import type { FastifyInstance } from 'fastify';
import { RatingPromptSettingsSchema } from '../../shared/contract/centre-settings.ts';
import { RATING_PROMPT_KEY, readRatingPromptSettings } from '../config/rating-prompt-settings.ts';
import { bumpConfigVersion, setSetting } from '../config/settings.ts';
import type { ServerContext } from '../context.ts';
import { addRoute } from '../routes/route.ts';

/** Whether a dossier code is required before `Hoàn thành`: set here, delivered to every kiosk with its next sync. */
export function ratingPromptRoutes(app: FastifyInstance, server: ServerContext): void {
  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/console/rating-prompt',
    summary: 'Thiết lập lời mời đánh giá: có bắt buộc nhập mã hồ sơ trước khi hoàn thành',
    access: 'supervisor',
    response: RatingPromptSettingsSchema,
    handler: () => readRatingPromptSettings(server.db),
  });
  addRoute(app, server, {
    method: 'PUT',
    url: '/api/v1/console/rating-prompt',
    summary: 'Đổi thiết lập lời mời đánh giá; kiosk nhận ở lần đồng bộ sau',
    access: 'admin',
    body: RatingPromptSettingsSchema,
    response: RatingPromptSettingsSchema,
    handler: async ({ body }) => {
      await server.db.transaction().execute(async (trx) => {
        await setSetting(trx, RATING_PROMPT_KEY, JSON.stringify(body));
        await bumpConfigVersion(trx);
      });
      return body;
    },
  });
}
