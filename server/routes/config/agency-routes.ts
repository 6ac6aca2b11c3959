import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../../context.ts';
import { z } from 'zod';
import { AgencyInputSchema, AgencyOutSchema, AgencyPatchSchema } from '../../../shared/contract/server-api.ts';
import { matchKey } from '../../../shared/domain/text.ts';
import { AGENCY_ORDER_KEY, agencyOrderAt, listAgencies } from '../../config/config-repo.ts';
import { writeLevelled } from '../../config/centre-settings.ts';
import { bumpConfigVersion } from '../../config/settings.ts';
import { centreCount } from '../../config/centres.ts';
import { scopeOf } from '../../auth/centre-scope.ts';
import type { Db } from '../../db/database.ts';
import { conflict, HttpError, notFound } from '../../http-error.ts';
import { addRoute } from '../route.ts';
import { SETTING_SOURCE_HEADER, settingsLevel, SettingsLevelQuerySchema } from '../settings-level.ts';
import { change, editExisting, newId } from './change.ts';

async function assertAgencyNameFree(db: Db, name: string, exceptId?: string) {
  const clash = await db.selectFrom('agencies').select('id').where('name_key', '=', matchKey(name)).executeTakeFirst();
  if (clash && clash.id !== exceptId) throw conflict(`Đã có cơ quan, đơn vị tên "${name}".`);
}

/** A centre's own place for one agency; the kiosks get it with their next sync. */
async function setAgencyOrder(db: Db, agencyId: string, order: number, centreId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const found = await trx.selectFrom('agencies').select('id').where('id', '=', agencyId).executeTakeFirst();
    if (!found) throw notFound('Không tìm thấy cơ quan, đơn vị.');
    // First: on PostgreSQL the counter's row lock keeps two reorders from losing one.
    await bumpConfigVersion(trx, centreId);
    const own = (await agencyOrderAt(trx, centreId)).value;
    await writeLevelled(trx, AGENCY_ORDER_KEY, JSON.stringify({ ...own, [agencyId]: order }), centreId);
  });
}

/** Agencies (cơ quan, đơn vị) in their official order, or a centre's own order. */
export function agencyRoutes(app: FastifyInstance, server: ServerContext): void {
  const db = () => server.db;

  // Agencies
  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/agencies',
    summary: 'Cơ quan, đơn vị theo thứ tự chính thức',
    access: 'supervisor',
    // The province's list in the centre's own order (province admin: `?centreId=`, else the province's).
    centre: 'own',
    query: SettingsLevelQuerySchema,
    response: z.array(AgencyOutSchema),
    handler: async ({ request, reply, user }) => {
      const level = await settingsLevel(db(), user, request);
      reply.header(SETTING_SOURCE_HEADER, (await agencyOrderAt(db(), level)).source);
      return listAgencies(db(), level);
    },
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
    summary:
      'Sửa tên, thứ tự hoặc trạng thái của cơ quan, đơn vị; thứ tự riêng của một trung tâm (`?centreId=`, người dùng của trung tâm: trung tâm của mình)',
    access: 'admin',
    centre: 'own',
    query: SettingsLevelQuerySchema,
    body: AgencyPatchSchema,
    response: AgencyOutSchema,
    handler: async ({ body, params, request, user }) => {
      const level = await settingsLevel(db(), user, request);
      if (level !== null) {
        // Name and status are the province's; a centre's user edits them only while the
        // province has a single centre (everything is theirs then), as for province-wide routes.
        // The raw body: the schema's default fills `active` in even when it was not sent.
        const sent = (request.body ?? {}) as Record<string, unknown>;
        const provinceFields = sent.name !== undefined || sent.active !== undefined;
        if (provinceFields && (scopeOf(user) === null || (await centreCount(db())) > 1)) {
          throw new HttpError(
            403,
            'other_centre',
            'Tên và trạng thái của cơ quan, đơn vị dùng chung cho cả tỉnh; chỉ quản trị viên cấp tỉnh được sửa. Trung tâm chỉ sửa thứ tự.',
          );
        }
        if (body.order !== undefined) await setAgencyOrder(db(), params.id!, body.order, level);
        if (!provinceFields) {
          const agency = (await listAgencies(db(), level)).find((a) => a.id === params.id);
          if (!agency) throw notFound('Không tìm thấy cơ quan, đơn vị.');
          return agency;
        }
        body = { ...body, order: undefined };
      }
      return editExisting(db(), {
        table: 'agencies',
        id: params.id!,
        missing: 'Không tìm thấy cơ quan, đơn vị.',
        list: (d) => listAgencies(d, level),
        edit: async (trx) => {
          if (body.name !== undefined) await assertAgencyNameFree(trx, body.name, params.id);
          await trx
            .updateTable('agencies')
            .set({
              ...(body.name !== undefined ? { name: body.name, name_key: matchKey(body.name) } : {}),
              ...(body.order !== undefined ? { sort_order: body.order } : {}),
              ...(body.active !== undefined ? { active: body.active ? 1 : 0 } : {}),
            })
            .where('id', '=', params.id!)
            .execute();
        },
      });
    },
  });
}
