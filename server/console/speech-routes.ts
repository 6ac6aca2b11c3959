import type { FastifyInstance } from 'fastify';
import { SpeechSettingsSchema } from '../../shared/contract/centre-settings.ts';
import { bumpConfigVersion, setSetting } from '../config/settings.ts';
import { readSpeechSettings, SPEECH_KEY } from '../config/speech-settings.ts';
import type { ServerContext } from '../context.ts';
import { addRoute } from '../routes/route.ts';

/**
 * How calls are read aloud: the bundled clips (default) or a system vi-VN voice where one exists.
 * The board reads it here; kiosks receive it with the configuration (the version goes up).
 */
export function speechRoutes(app: FastifyInstance, server: ServerContext): void {
  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/board/speech',
    summary: 'Cách đọc số trên bảng gọi số: giọng thu sẵn hoặc giọng tiếng Việt của hệ thống',
    access: 'public',
    response: SpeechSettingsSchema,
    handler: () => readSpeechSettings(server.db),
  });
  addRoute(app, server, {
    method: 'PUT',
    url: '/api/v1/console/speech-settings',
    summary: 'Đổi cách đọc số: ưu tiên giọng tiếng Việt của hệ thống khi có; kiosk nhận ở lần đồng bộ sau',
    access: 'supervisor',
    body: SpeechSettingsSchema,
    response: SpeechSettingsSchema,
    handler: async ({ body }) => {
      await server.db.transaction().execute(async (trx) => {
        await setSetting(trx, SPEECH_KEY, JSON.stringify(body));
        await bumpConfigVersion(trx);
      });
      return body;
    },
  });
}
