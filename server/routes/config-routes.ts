import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { hashSecret } from '../auth/secret-hash.ts';
import {
  AgencyInputSchema,
  AgencyOutSchema,
  AgencyPatchSchema,
  CentreSchema,
  CounterInputSchema,
  CounterPatchSchema,
  OfficerInputSchema,
  OfficerOutSchema,
  OfficerPatchSchema,
  OfficerPinSchema,
  PriorityCategoriesSchema,
  QueueOptionsInputSchema,
  RatingReasonsSchema,
  RatingScaleSchema,
  ServiceInputSchema,
} from '../../shared/contract/server-api.ts';
import { CounterSchema, RatingLevelSchema, RatingReasonSchema } from '../../shared/domain/config.ts';
import { QueueServiceSchema, type QueueConfig } from '../../shared/domain/queue-config.ts';
import { matchKey } from '../../shared/domain/text.ts';
import {
  buildSyncConfig,
  centreName,
  listAgencies,
  listCounters,
  listLevels,
  listOfficers,
  listReasons,
  readQueueConfig,
} from '../config/config-repo.ts';
import { bumpConfigVersion, setSetting } from '../config/settings.ts';
import { minPinLength } from '../config/centre-secrets.ts';
import type { ServerContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { badRequest, conflict, notFound } from '../http-error.ts';
import { recordOfficerChange, startAssignment } from '../staff/officer-assignments.ts';
import { vietnamDay } from '../../shared/domain/vietnam-time.ts';
import { addRoute } from './route.ts';

// A full UUID: eight hex digits collide within a few tens of thousands of ids.
const newId = (prefix: string) => `${prefix}-${randomUUID()}`;

/** Every configuration write runs here: one transaction, and the version goes up. */
async function change<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const result = await work(trx);
    await bumpConfigVersion(trx);
    return result;
  });
}

async function assertAgencyNameFree(db: Db, name: string, exceptId?: string) {
  const clash = await db.selectFrom('agencies').select('id').where('name_key', '=', matchKey(name)).executeTakeFirst();
  if (clash && clash.id !== exceptId) throw conflict(`Đã có cơ quan, đơn vị tên "${name}".`);
}

async function assertAgency(db: Db, id: string) {
  const agency = await db.selectFrom('agencies').select('id').where('id', '=', id).executeTakeFirst();
  if (!agency) throw badRequest(`Không có cơ quan, đơn vị mã "${id}".`);
}

function assertDates(from: string | null | undefined, to: string | null | undefined) {
  if (from && to && from > to) throw badRequest('Ngày bắt đầu làm việc phải trước ngày kết thúc.');
}

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

export function configRoutes(app: FastifyInstance, server: ServerContext): void {
  const db = () => server.db;

  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/config',
    summary: 'Toàn bộ cấu hình hiện hành (không kèm mã PIN)',
    access: 'supervisor',
    handler: async () => {
      const config: Partial<Awaited<ReturnType<typeof buildSyncConfig>>> = await buildSyncConfig(db());
      delete config.officerPins;
      delete config.technicianPinHash;
      return config;
    },
  });

  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/centre',
    summary: 'Tên trung tâm',
    access: 'supervisor',
    response: CentreSchema,
    handler: async () => ({ centreName: await centreName(db()) }),
  });
  addRoute(app, server, {
    method: 'PUT',
    url: '/api/v1/centre',
    summary: 'Đổi tên trung tâm',
    access: 'admin',
    body: CentreSchema,
    handler: async ({ body }) => {
      await change(db(), (trx) => setSetting(trx, 'centre.name', body.centreName));
      return body;
    },
  });

  // Agencies
  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/agencies',
    summary: 'Cơ quan, đơn vị theo thứ tự chính thức',
    access: 'supervisor',
    response: z.array(AgencyOutSchema),
    handler: () => listAgencies(db()),
  });
  addRoute(app, server, {
    method: 'POST',
    url: '/api/v1/agencies',
    summary: 'Thêm cơ quan, đơn vị',
    access: 'admin',
    body: AgencyInputSchema,
    response: AgencyOutSchema,
    handler: async ({ body, reply }) => {
      const id = body.id ?? newId('ag');
      await change(db(), async (trx) => {
        await assertAgencyNameFree(trx, body.name);
        if (await trx.selectFrom('agencies').select('id').where('id', '=', id).executeTakeFirst()) {
          throw conflict(`Mã cơ quan "${id}" đã có.`);
        }
        await trx
          .insertInto('agencies')
          .values({
            id,
            name: body.name,
            name_key: matchKey(body.name),
            sort_order: body.order,
            active: body.active ? 1 : 0,
          })
          .execute();
      });
      reply.code(201);
      return { id, name: body.name, order: body.order, active: body.active };
    },
  });
  addRoute(app, server, {
    method: 'PATCH',
    url: '/api/v1/agencies/:id',
    summary: 'Sửa tên, thứ tự hoặc trạng thái của cơ quan, đơn vị',
    access: 'admin',
    body: AgencyPatchSchema,
    response: AgencyOutSchema,
    handler: async ({ body, params }) => {
      const id = params.id!;
      await change(db(), async (trx) => {
        if (!(await trx.selectFrom('agencies').select('id').where('id', '=', id).executeTakeFirst())) {
          throw notFound('Không tìm thấy cơ quan, đơn vị.');
        }
        if (body.name !== undefined) await assertAgencyNameFree(trx, body.name, id);
        await trx
          .updateTable('agencies')
          .set({
            ...(body.name !== undefined ? { name: body.name, name_key: matchKey(body.name) } : {}),
            ...(body.order !== undefined ? { sort_order: body.order } : {}),
            ...(body.active !== undefined ? { active: body.active ? 1 : 0 } : {}),
          })
          .where('id', '=', id)
          .execute();
      });
      return (await listAgencies(db())).find((a) => a.id === id);
    },
  });

  // Officers
  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/officers',
    summary: 'Cán bộ theo thứ tự Phụ lục 2',
    access: 'supervisor',
    response: z.array(OfficerOutSchema),
    handler: () => listOfficers(db()),
  });
  addRoute(app, server, {
    method: 'POST',
    url: '/api/v1/officers',
    summary: 'Thêm cán bộ',
    access: 'admin',
    body: OfficerInputSchema,
    response: OfficerOutSchema,
    handler: async ({ body, reply }) => {
      assertDates(body.activeFrom, body.activeTo);
      const id = body.id ?? newId('cb');
      await change(db(), async (trx) => {
        await assertAgency(trx, body.agencyId);
        if (await trx.selectFrom('officers').select('id').where('id', '=', id).executeTakeFirst()) {
          throw conflict(`Mã cán bộ "${id}" đã có.`);
        }
        const order = body.order ?? (await nextOfficerOrder(trx, body.agencyId));
        const officer = {
          agency_id: body.agencyId,
          active: body.active ? 1 : 0,
          active_from: body.activeFrom ?? null,
          active_to: body.activeTo ?? null,
        };
        await trx
          .insertInto('officers')
          .values({
            id,
            full_name: body.fullName,
            name_key: matchKey(body.fullName),
            sort_order: order,
            ...officer,
            pin_hash: null,
          })
          .execute();
        await startAssignment(trx, id, officer);
      });
      reply.code(201);
      return (await listOfficers(db())).find((o) => o.id === id);
    },
  });
  addRoute(app, server, {
    method: 'PATCH',
    url: '/api/v1/officers/:id',
    summary: 'Sửa cán bộ (chuyển đơn vị, thứ tự, thời gian làm việc, trạng thái)',
    access: 'admin',
    body: OfficerPatchSchema,
    response: OfficerOutSchema,
    handler: async ({ body, params }) => {
      const id = params.id!;
      await change(db(), async (trx) => {
        const current = await trx.selectFrom('officers').selectAll().where('id', '=', id).executeTakeFirst();
        if (!current) throw notFound('Không tìm thấy cán bộ.');
        assertDates(
          body.activeFrom !== undefined ? body.activeFrom : current.active_from,
          body.activeTo !== undefined ? body.activeTo : current.active_to,
        );
        if (body.agencyId !== undefined) await assertAgency(trx, body.agencyId);
        await trx
          .updateTable('officers')
          .set({
            ...(body.fullName !== undefined ? { full_name: body.fullName, name_key: matchKey(body.fullName) } : {}),
            ...(body.agencyId !== undefined ? { agency_id: body.agencyId } : {}),
            ...(body.order !== undefined ? { sort_order: body.order } : {}),
            ...(body.active !== undefined ? { active: body.active ? 1 : 0 } : {}),
            ...(body.activeFrom !== undefined ? { active_from: body.activeFrom } : {}),
            ...(body.activeTo !== undefined ? { active_to: body.activeTo } : {}),
          })
          .where('id', '=', id)
          .execute();
        const after = await trx.selectFrom('officers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
        await recordOfficerChange(trx, id, current, after, vietnamDay(server.now()));
      });
      return (await listOfficers(db())).find((o) => o.id === id);
    },
  });
  addRoute(app, server, {
    method: 'POST',
    url: '/api/v1/officers/:id/pin',
    summary: 'Đặt mã PIN đăng nhập tại quầy cho cán bộ (kiosk nhận bản băm khi đồng bộ)',
    access: 'admin',
    body: OfficerPinSchema,
    handler: async ({ body, params }) => {
      const minLength = await minPinLength(db());
      if (body.pin.length < minLength) throw badRequest(`Mã PIN cán bộ cần ít nhất ${minLength} chữ số.`);
      const pinHash = await hashSecret(body.pin);
      await change(db(), async (trx) => {
        const result = await trx
          .updateTable('officers')
          .set({ pin_hash: pinHash })
          .where('id', '=', params.id!)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) throw notFound('Không tìm thấy cán bộ.');
      });
      return { ok: true };
    },
  });

  // Counters
  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/counters',
    summary: 'Quầy',
    access: 'supervisor',
    response: z.array(CounterSchema),
    handler: () => listCounters(db()),
  });
  addRoute(app, server, {
    method: 'POST',
    url: '/api/v1/counters',
    summary: 'Thêm quầy',
    access: 'admin',
    body: CounterInputSchema,
    response: CounterSchema,
    handler: async ({ body, reply }) => {
      const id = body.id ?? `q-${body.number}`;
      await change(db(), async (trx) => {
        const clash = await trx
          .selectFrom('counters')
          .select('id')
          .where((eb) => eb.or([eb('id', '=', id), eb('number', '=', body.number)]))
          .executeTakeFirst();
        if (clash) throw conflict(`Đã có quầy số ${body.number} hoặc mã "${id}".`);
        await trx.insertInto('counters').values({ id, number: body.number, name: body.name }).execute();
      });
      reply.code(201);
      return { id, number: body.number, name: body.name };
    },
  });
  addRoute(app, server, {
    method: 'PATCH',
    url: '/api/v1/counters/:id',
    summary: 'Sửa quầy',
    access: 'admin',
    body: CounterPatchSchema,
    response: CounterSchema,
    handler: async ({ body, params }) => {
      const id = params.id!;
      await change(db(), async (trx) => {
        if (!(await trx.selectFrom('counters').select('id').where('id', '=', id).executeTakeFirst())) {
          throw notFound('Không tìm thấy quầy.');
        }
        if (body.number !== undefined) {
          const clash = await trx
            .selectFrom('counters')
            .select('id')
            .where('number', '=', body.number)
            .where('id', '!=', id)
            .executeTakeFirst();
          if (clash) throw conflict(`Đã có quầy số ${body.number}.`);
        }
        await trx.updateTable('counters').set(body).where('id', '=', id).execute();
      });
      return (await listCounters(db())).find((c) => c.id === id);
    },
  });
  addRoute(app, server, {
    method: 'DELETE',
    url: '/api/v1/counters/:id',
    summary: 'Xoá quầy (đánh giá đã ghi giữ nguyên)',
    access: 'admin',
    handler: async ({ params }) => {
      await change(db(), async (trx) => {
        const result = await trx.deleteFrom('counters').where('id', '=', params.id!).executeTakeFirst();
        if (Number(result.numDeletedRows) === 0) throw notFound('Không tìm thấy quầy.');
      });
      return { ok: true };
    },
  });

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
    handler: async ({ body }) => (await updateQueue(db(), (q) => ({ ...q, options: body }))).options,
  });

  // Rating scale and reasons
  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/rating-scale',
    summary: 'Thang đánh giá (tốt nhất trước)',
    access: 'supervisor',
    response: z.array(RatingLevelSchema),
    handler: () => listLevels(db()),
  });
  addRoute(app, server, {
    method: 'PUT',
    url: '/api/v1/rating-scale',
    summary: 'Thay thang đánh giá (các cột của Phụ lục 2)',
    access: 'admin',
    body: RatingScaleSchema,
    handler: async ({ body }) => {
      // Levels are never deleted: a kiosk offline since the change still sends the old codes, which
      // stay accepted and reported; only the active ones go to kiosks as the scale.
      await change(db(), async (trx) => {
        await trx.updateTable('rating_levels').set({ active: 0 }).execute();
        await trx
          .insertInto('rating_levels')
          .values(
            body.map((l) => ({ code: l.code, label: l.label, sort_order: l.order, low: l.low ? 1 : 0, active: 1 })),
          )
          .onConflict((oc) =>
            oc.column('code').doUpdateSet((eb) => ({
              label: eb.ref('excluded.label'),
              sort_order: eb.ref('excluded.sort_order'),
              low: eb.ref('excluded.low'),
              active: 1,
            })),
          )
          .execute();
      });
      return listLevels(db());
    },
  });
  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/reasons',
    summary: 'Lý do chưa hài lòng',
    access: 'supervisor',
    response: z.array(RatingReasonSchema),
    handler: () => listReasons(db()),
  });
  addRoute(app, server, {
    method: 'PUT',
    url: '/api/v1/reasons',
    summary: 'Thay danh sách lý do chưa hài lòng',
    access: 'admin',
    body: RatingReasonsSchema,
    handler: async ({ body }) => {
      await change(db(), async (trx) => {
        await trx.deleteFrom('rating_reasons').execute();
        if (body.length > 0) {
          await trx
            .insertInto('rating_reasons')
            .values(body.map((r) => ({ code: r.code, label: r.label, sort_order: r.order })))
            .execute();
        }
      });
      return listReasons(db());
    },
  });
}

export async function nextOfficerOrder(db: Db, agencyId: string): Promise<number> {
  const row = await db
    .selectFrom('officers')
    .select((eb) => eb.fn.max('sort_order').as('max'))
    .where('agency_id', '=', agencyId)
    .executeTakeFirst();
  return (row?.max ?? 0) + 1;
}
