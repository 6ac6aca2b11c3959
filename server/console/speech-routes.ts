import type { FastifyInstance } from 'fastify';
import { SpeechSettingsSchema, type SpeechSettings } from '../../shared/contract/centre-settings.ts';
import { getSetting, setSetting } from '../config/settings.ts';
import type { ServerContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { addRoute } from '../routes/route.ts';

const SETTING_KEY = 'speech';
const DEFAULT_SPEECH: SpeechSettings = { preferSystemVoice: false };

export async function readSpeechSettings(db: Db): Promise<SpeechSettings> {
  const stored = await getSetting(db, SETTING_KEY);
  if (!stored) return DEFAULT_SPEECH;
  const parsed = SpeechSettingsSchema.safeParse(JSON.parse(stored));
  return parsed.success ? parsed.data : DEFAULT_SPEECH;
}

/** How calls are read aloud: the bundled clips (default) or a system vi-VN voice where one exists. */
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
    summary: 'Đổi cách đọc số: ưu tiên giọng tiếng Việt của hệ thống khi có',
    access: 'supervisor',
    body: SpeechSettingsSchema,
    response: SpeechSettingsSchema,
    handler: async ({ body }) => {
      await setSetting(server.db, SETTING_KEY, JSON.stringify(body));
      return body;
    },
  });
}
