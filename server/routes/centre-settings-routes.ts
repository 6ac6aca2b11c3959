import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CentreOutSchema } from '../../shared/contract/centres-api.ts';
import { centreOwnKeys, clearCentreSetting, type SettingLevel } from '../config/centre-settings.ts';
import { centreById } from '../config/centres.ts';
import { SECRET_KEYS } from '../config/centre-secrets.ts';
import { AGENCY_ORDER_KEY, QUEUE_CONFIG_KEY } from '../config/config-repo.ts';
import { MISUSE_RULES_KEY } from '../config/misuse-rules.ts';
import { RATING_PROMPT_KEY } from '../config/rating-prompt-settings.ts';
import { bumpConfigVersion, getSetting } from '../config/settings.ts';
import { SPEECH_KEY } from '../config/speech-settings.ts';
import { ALERT_SETTINGS_KEY } from '../console/alerts-routes.ts';
import { LIVE_ALERT_SETTINGS_KEY } from '../console/live-alerts-routes.ts';
import type { ServerContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { badRequest, notFound } from '../http-error.ts';
import { FRAMING_KEY } from '../reports/report-settings.ts';
import { addRoute } from './route.ts';
import { settingsLevel, SettingsLevelQuerySchema } from './settings-level.ts';

/** Every setting a centre may hold its own value for; `kiosk`: kiosks receive it with the configuration. */
const CATALOGUE = [
  { name: 'queue', label: 'Dịch vụ, đối tượng ưu tiên và quy tắc gọi số', keys: [QUEUE_CONFIG_KEY], kiosk: true },
  { name: 'agencyOrder', label: 'Thứ tự cơ quan, đơn vị', keys: [AGENCY_ORDER_KEY], kiosk: true },
  { name: 'technicianPin', label: 'Mã PIN kỹ thuật viên', keys: [SECRET_KEYS.technicianPinHash], kiosk: true },
  {
    name: 'duty',
    label: 'Giờ kết thúc ngày làm việc và thời gian không thao tác',
    keys: [SECRET_KEYS.endOfDay, SECRET_KEYS.idleMinutes],
    kiosk: true,
  },
  { name: 'pinPolicy', label: 'Độ dài tối thiểu của mã PIN cán bộ', keys: [SECRET_KEYS.minPinLength], kiosk: false },
  { name: 'misuseRules', label: 'Quy tắc đánh dấu lạm dụng', keys: [MISUSE_RULES_KEY], kiosk: true },
  { name: 'ratingPrompt', label: 'Lời mời đánh giá', keys: [RATING_PROMPT_KEY], kiosk: true },
  { name: 'alerts', label: 'Ngưỡng cảnh báo', keys: [ALERT_SETTINGS_KEY], kiosk: false },
  { name: 'liveAlerts', label: 'Ngưỡng cảnh báo trực tiếp', keys: [LIVE_ALERT_SETTINGS_KEY], kiosk: false },
  { name: 'speech', label: 'Cách đọc số', keys: [SPEECH_KEY], kiosk: true },
  {
    name: 'reportFraming',
    label: 'Khung Phụ lục 2 (cơ quan ban hành, địa danh, người ký)',
    keys: [FRAMING_KEY],
    kiosk: false,
  },
] as const;

const SettingNameSchema = z.enum(CATALOGUE.map((s) => s.name) as [string, ...string[]]);
const SourceSchema = z.enum(['centre', 'province', 'default']);
const SettingStateSchema = z.object({ name: z.string(), label: z.string(), source: SourceSchema });
const CentreSettingsSchema = z.object({ centre: CentreOutSchema.nullable(), settings: z.array(SettingStateSchema) });

async function settingStates(db: Db, level: SettingLevel) {
  const own = level === null ? new Set<string>() : await centreOwnKeys(db, level);
  const states = [];
  for (const setting of CATALOGUE) {
    const keys: readonly string[] = setting.keys;
    let source: z.infer<typeof SourceSchema>;
    if (keys.some((k) => own.has(k))) source = 'centre';
    // The province's agency order is the agencies' own column: always set.
    else if (setting.name === 'agencyOrder') source = 'province';
    else source = (await getSetting(db, keys[0]!)) === null ? 'default' : 'province';
    states.push({ name: setting.name, label: setting.label, source });
  }
  return { centre: level === null ? null : ((await centreById(db, level)) ?? null), settings: states };
}

/**
 * Which settings a centre holds its own value for and which it inherits from the province
 * (issue 13 §1), and the way back to the province's value.
 */
export function centreSettingsRoutes(app: FastifyInstance, server: ServerContext): void {
  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/centre-settings',
    summary:
      'Các thiết lập của một trung tâm: giá trị riêng của trung tâm (centre), theo tỉnh (province) hay mặc định (default)',
    access: 'supervisor',
    centre: 'own',
    query: SettingsLevelQuerySchema,
    response: CentreSettingsSchema,
    handler: async ({ request, user }) => settingStates(server.db, await settingsLevel(server.db, user, request)),
  });
  addRoute(app, server, {
    method: 'DELETE',
    url: '/api/v1/centre-settings/:id',
    summary: 'Bỏ giá trị riêng của trung tâm cho một thiết lập: trung tâm theo lại thiết lập chung của tỉnh',
    access: 'admin',
    centre: 'own',
    query: SettingsLevelQuerySchema,
    response: CentreSettingsSchema,
    handler: async ({ params, request, user }) => {
      const name = SettingNameSchema.safeParse(params.id);
      if (!name.success) throw notFound(`Không có thiết lập "${params.id}".`);
      const setting = CATALOGUE.find((s) => s.name === name.data)!;
      const level = await settingsLevel(server.db, user, request);
      if (level === null) {
        throw badRequest('Hãy chọn một trung tâm (centreId): thiết lập chung của tỉnh chỉ sửa được, không bỏ được.');
      }
      await server.db.transaction().execute(async (trx) => {
        for (const key of setting.keys) await clearCentreSetting(trx, key, level);
        if (setting.kiosk) await bumpConfigVersion(trx, level);
      });
      return settingStates(server.db, level);
    },
  });
}
