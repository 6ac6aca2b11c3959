import type { FastifyInstance } from 'fastify';
import { OkSchema } from '../../../shared/contract/server-api.ts';
import type { ServerContext } from '../../context.ts';
import { z } from 'zod';
import {
  PriorityCategoriesSchema,
  QueueOptionsInputSchema,
  ServiceInputSchema,
} from '../../../shared/contract/server-api.ts';
import { QueueServiceSchema, type QueueConfig } from '../../../shared/domain/queue-config.ts';
import { QUEUE_CONFIG_KEY, queueConfigAt, readQueueConfig } from '../../config/config-repo.ts';
import { writeLevelled, type SettingLevel } from '../../config/centre-settings.ts';
import { bumpConfigVersion } from '../../config/settings.ts';
import type { Db } from '../../db/database.ts';
import { badRequest, notFound } from '../../http-error.ts';
import { addRoute } from '../route.ts';
import { sendSource, settingsLevel, SettingsLevelQuerySchema } from '../settings-level.ts';

/**
 * The version goes up FIRST: on PostgreSQL that UPDATE locks the version row until commit, so
 * two concurrent queue edits run one after the other and neither overwrites the other's change
 * with a stale read (SQLite writers are serialised by BEGIN IMMEDIATE anyway).
 */
async function updateQueue(
  db: Db,
  level: SettingLevel,
  patch: (queue: QueueConfig) => QueueConfig,
): Promise<QueueConfig> {
  return db.transaction().execute(async (trx) => {
    await bumpConfigVersion(trx, level);
    // A centre's first change starts from what it inherited, then is its own copy.
    const next = patch(await readQueueConfig(trx, level));
    await writeLevelled(trx, QUEUE_CONFIG_KEY, JSON.stringify(next), level);
    return next;
  });
}

/**
 * The queue's services, priority categories and options (stored as one JSON document), per centre
 * or for the province (routes/settings-level.ts).
 */
export function queueRoutes(app: FastifyInstance, server: ServerContext): void {
  const db = () => server.db;
  const scoped = { centre: 'own', query: SettingsLevelQuerySchema } as const;

  // Queue: services, priority categories, options (stored as one JSON document)
  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/services',
    summary: 'Dịch vụ (lĩnh vực) cấp số thứ tự',
    access: 'supervisor',
    response: z.array(QueueServiceSchema),
    ...scoped,
    handler: async ({ request, reply, user }) => {
      const read = await queueConfigAt(db(), await settingsLevel(db(), user, request));
      return sendSource(reply, { ...read, value: read.value.services });
    },
  });
  addRoute(app, server, {
    method: 'PUT',
    url: '/api/v1/services/:id',
    summary: 'Thêm hoặc sửa một dịch vụ',
    access: 'admin',
    body: ServiceInputSchema,
    response: QueueServiceSchema,
    ...scoped,
    handler: async ({ body, params, request, user }) => {
      if (body.id !== params.id) throw badRequest('Mã dịch vụ trong đường dẫn và trong nội dung phải trùng nhau.');
      const level = await settingsLevel(db(), user, request);
      if (level !== null) {
        // A centre's service is served at that centre's counters only.
        const own = await db()
          .selectFrom('counters')
          .select('id')
          .where('centre_id', '=', level)
          .where('id', 'in', body.counterIds)
          .execute();
        if (own.length !== body.counterIds.length) {
          throw badRequest('Dịch vụ của trung tâm chỉ được phục vụ tại các quầy của chính trung tâm đó.');
        }
      }
      await updateQueue(db(), level, (queue) => ({
        ...queue,
        services: [...queue.services.filter((s) => s.id !== body.id), body].sort((a, b) => a.order - b.order),
      }));
      return body;
    },
  });
  addRoute(app, server, {
    method: 'DELETE',
    url: '/api/v1/services/:id',
    summary: 'Xoá một dịch vụ',
    access: 'admin',
    response: OkSchema,
    ...scoped,
    handler: async ({ params, request, user }) => {
      const level = await settingsLevel(db(), user, request);
      const queue = await readQueueConfig(db(), level);
      if (!queue.services.some((s) => s.id === params.id)) throw notFound('Không tìm thấy dịch vụ.');
      await updateQueue(db(), level, (q) => ({ ...q, services: q.services.filter((s) => s.id !== params.id) }));
      return { ok: true };
    },
  });
  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/priority-categories',
    summary: 'Đối tượng ưu tiên',
    access: 'supervisor',
    response: PriorityCategoriesSchema,
    ...scoped,
    handler: async ({ request, reply, user }) => {
      const read = await queueConfigAt(db(), await settingsLevel(db(), user, request));
      return sendSource(reply, { ...read, value: read.value.priorities });
    },
  });
  addRoute(app, server, {
    method: 'PUT',
    url: '/api/v1/priority-categories',
    summary: 'Thay danh sách đối tượng ưu tiên',
    access: 'admin',
    body: PriorityCategoriesSchema,
    response: PriorityCategoriesSchema,
    ...scoped,
    handler: async ({ body, request, user }) =>
      (await updateQueue(db(), await settingsLevel(db(), user, request), (q) => ({ ...q, priorities: body })))
        .priorities,
  });
  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/queue-options',
    summary: 'Quy tắc gọi số và thời gian chờ đánh giá',
    access: 'supervisor',
    response: QueueOptionsInputSchema,
    ...scoped,
    handler: async ({ request, reply, user }) => {
      const read = await queueConfigAt(db(), await settingsLevel(db(), user, request));
      return sendSource(reply, { ...read, value: read.value.options });
    },
  });
  addRoute(app, server, {
    method: 'PUT',
    url: '/api/v1/queue-options',
    summary: 'Đổi quy tắc gọi số và thời gian chờ đánh giá',
    access: 'admin',
    body: QueueOptionsInputSchema,
    response: QueueOptionsInputSchema,
    ...scoped,
    handler: async ({ body, request, user }) =>
      (await updateQueue(db(), await settingsLevel(db(), user, request), (q) => ({ ...q, options: body }))).options,
  });
}
