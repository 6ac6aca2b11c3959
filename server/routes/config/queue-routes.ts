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
import { readQueueConfig } from '../../config/config-repo.ts';
import { bumpConfigVersion, setSetting } from '../../config/settings.ts';
import type { Db } from '../../db/database.ts';
import { badRequest, notFound } from '../../http-error.ts';
import { addRoute } from '../route.ts';

/**
 * The version goes up FIRST: on PostgreSQL that UPDATE locks the version row until commit, so
 * two concurrent queue edits run one after the other and neither overwrites the other's change
 * with a stale read (SQLite writers are serialised by BEGIN IMMEDIATE anyway).
 */
async function updateQueue(db: Db, patch: (queue: QueueConfig) => QueueConfig): Promise<QueueConfig> {
  return db.transaction().execute(async (trx) => {
    await bumpConfigVersion(trx);
    const next = patch(await readQueueConfig(trx));
    await setSetting(trx, 'queue.config', JSON.stringify(next));
    return next;
  });
}

/** The queue's services, priority categories and options (stored as one JSON document). */
export function queueRoutes(app: FastifyInstance, server: ServerContext): void {
  const db = () => server.db;

  // Queue: services, priority categories, options (stored as one JSON document)
  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/services',
    summary: 'Dịch vụ (lĩnh vực) cấp số thứ tự',
    access: 'supervisor',
    response: z.array(QueueServiceSchema),
    handler: async () => (await readQueueConfig(db())).services,
  });
  addRoute(app, server, {
    method: 'PUT',
    url: '/api/v1/services/:id',
    summary: 'Thêm hoặc sửa một dịch vụ',
    access: 'admin',
    body: ServiceInputSchema,
    response: QueueServiceSchema,
    handler: async ({ body, params }) => {
      if (body.id !== params.id) throw badRequest('Mã dịch vụ trong đường dẫn và trong nội dung phải trùng nhau.');
      await updateQueue(db(), (queue) => ({
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
    handler: async ({ params }) => {
      const queue = await readQueueConfig(db());
      if (!queue.services.some((s) => s.id === params.id)) throw notFound('Không tìm thấy dịch vụ.');
      await updateQueue(db(), (q) => ({ ...q, services: q.services.filter((s) => s.id !== params.id) }));
      return { ok: true };
    },
  });
  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/priority-categories',
    summary: 'Đối tượng ưu tiên',
    access: 'supervisor',
    response: PriorityCategoriesSchema,
    handler: async () => (await readQueueConfig(db())).priorities,
  });
  addRoute(app, server, {
    method: 'PUT',
    url: '/api/v1/priority-categories',
    summary: 'Thay danh sách đối tượng ưu tiên',
    access: 'admin',
    body: PriorityCategoriesSchema,
    response: PriorityCategoriesSchema,
    handler: async ({ body }) => (await updateQueue(db(), (q) => ({ ...q, priorities: body }))).priorities,
  });
  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/queue-options',
    summary: 'Quy tắc gọi số và thời gian chờ đánh giá',
    access: 'supervisor',
    response: QueueOptionsInputSchema,
    handler: async () => (await readQueueConfig(db())).options,
  });
  addRoute(app, server, {
    method: 'PUT',
    url: '/api/v1/queue-options',
    summary: 'Đổi quy tắc gọi số và thời gian chờ đánh giá',
    access: 'admin',
    body: QueueOptionsInputSchema,
    response: QueueOptionsInputSchema,
    handler: async ({ body }) => (await updateQueue(db(), (q) => ({ ...q, options: body }))).options,
  });
}
