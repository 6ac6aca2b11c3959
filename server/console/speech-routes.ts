import type { FastifyInstance } from 'fastify';
import { SpeechSettingsSchema } from '../../shared/contract/centre-settings.ts';
import { writeLevelled } from '../config/centre-settings.ts';
import { centreByCode } from '../config/centres.ts';
import { bumpConfigVersion } from '../config/settings.ts';
import { SPEECH_KEY, speechSettingsAt } from '../config/speech-settings.ts';
import type { ServerContext } from '../context.ts';
import { notFound } from '../http-error.ts';
import { addRoute } from '../routes/route.ts';
import { sendSource, settingsLevel, SettingsLevelQuerySchema } from '../routes/settings-level.ts';

/**
 * How calls are read aloud: the bundled clips (default) or a system vi-VN voice where one exists.
 * The board reads it here; kiosks receive it with the configuration (the version goes up).
 */
export function speechRoutes(app: FastifyInstance, server: ServerContext): void {
  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/board/speech',
    summary:
      'Cách đọc số trên bảng gọi số của trung tâm `?centre=<mã>` (không nêu: thiết lập chung của tỉnh): giọng thu sẵn hoặc giọng tiếng Việt của hệ thống',
    access: 'public',
    query: SettingsLevelQuerySchema.pick({ centre: true }),
    response: SpeechSettingsSchema,
    handler: async ({ query, reply }) => {
      // Public: the board names its centre by code, as in /board/<code>.
      const centre = query.centre === undefined ? undefined : await centreByCode(server.db, query.centre);
      if (query.centre !== undefined && !centre) throw notFound(`Không có trung tâm mã "${query.centre}".`);
      return sendSource(reply, await speechSettingsAt(server.db, centre?.id ?? null));
    },
  });
  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/console/speech-settings',
    summary: 'Cách đọc số của một trung tâm hoặc của tỉnh',
    access: 'supervisor',
    centre: 'own',
    query: SettingsLevelQuerySchema,
    response: SpeechSettingsSchema,
    handler: async ({ request, reply, user }) =>
      sendSource(reply, await speechSettingsAt(server.db, await settingsLevel(server.db, user, request))),
  });
  addRoute(app, server, {
    method: 'PUT',
    url: '/api/v1/console/speech-settings',
    summary:
      'Đổi cách đọc số của một trung tâm hoặc của tỉnh: ưu tiên giọng tiếng Việt của hệ thống khi có; kiosk nhận ở lần đồng bộ sau',
    access: 'supervisor',
    centre: 'own',
    query: SettingsLevelQuerySchema,
    body: SpeechSettingsSchema,
    response: SpeechSettingsSchema,
    handler: async ({ body, request, user }) => {
      const level = await settingsLevel(server.db, user, request);
      await server.db.transaction().execute(async (trx) => {
        await writeLevelled(trx, SPEECH_KEY, JSON.stringify(body), level);
        await bumpConfigVersion(trx, level);
      });
      return body;
    },
  });
}
