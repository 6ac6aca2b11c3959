import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isProvinceAdmin, requestedCentreId, scopeOf } from '../auth/centre-scope.ts';
import type { AuthUser } from '../auth/guard.ts';
import type { SettingLevel, SettingSource } from '../config/centre-settings.ts';
import { existingCentre } from '../config/centres.ts';
import type { Db } from '../db/database.ts';
import { badRequest, HttpError } from '../http-error.ts';

/**
 * Which level a settings route reads or writes (issue 13 §1):
 * - a centre's admin or supervisor: their own centre, always (another centre named: 403, refused
 *   before the handler by checkCentreAccess);
 * - a province admin: the centre named by `?centreId=`, `centreId` in the body or `?centre=<code>`;
 *   with none named, or with `?scope=province`, the province default every centre without its
 *   own value follows.
 */
export const SettingsLevelQuerySchema = z.object({
  centreId: z.coerce.number().int().positive().optional(),
  centre: z.string().optional(),
  scope: z.enum(['province']).optional(),
});

/** The answer header that says where the values came from: `centre`, `province` or `default`. */
export const SETTING_SOURCE_HEADER = 'hailong-setting-source';

export async function settingsLevel(
  db: Db,
  user: AuthUser | null,
  request: Pick<FastifyRequest, 'query' | 'body'>,
): Promise<SettingLevel> {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const requested = await requestedCentreId(db, query, request.body);
  if (query.scope === 'province') {
    if (!isProvinceAdmin(user)) {
      throw new HttpError(403, 'forbidden', 'Chỉ quản trị viên cấp tỉnh được xem và sửa thiết lập chung của tỉnh.');
    }
    if (requested !== undefined) {
      throw badRequest('Chọn một trong hai: một trung tâm (centreId) hoặc thiết lập chung của tỉnh (scope=province).');
    }
    return null;
  }
  const own = scopeOf(user);
  if (own !== null) return own;
  return requested === undefined ? null : (await existingCentre(db, requested)).id;
}

/** Tells the console whether what it shows is the centre's own value or inherited. */
export function sendSource<T>(reply: FastifyReply, read: { value: T; source: SettingSource }): T {
  reply.header(SETTING_SOURCE_HEADER, read.source);
  return read.value;
}
