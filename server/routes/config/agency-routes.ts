import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../../context.ts';
import { z } from 'zod';
import { AgencyInputSchema, AgencyOutSchema, AgencyPatchSchema } from '../../../shared/contract/server-api.ts';
import { matchKey } from '../../../shared/domain/text.ts';
import { listAgencies } from '../../config/config-repo.ts';
import type { Db } from '../../db/database.ts';
import { conflict } from '../../http-error.ts';
import { addRoute } from '../route.ts';
import { change, editExisting, newId } from './change.ts';

async function assertAgencyNameFree(db: Db, name: string, exceptId?: string) {
  const clash = await db.selectFrom('agencies').select('id').where('name_key', '=', matchKey(name)).executeTakeFirst();
  if (clash && clash.id !== exceptId) throw conflict(`Đã có cơ quan, đơn vị tên "${name}".`);
}

/** Agencies (cơ quan, đơn vị) in their official order. */
export function agencyRoutes(app: FastifyInstance, server: ServerContext): void {
  const db = () => server.db;

  // Agencies
  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/agencies',
    summary: 'Cơ quan, đơn vị theo thứ tự chính thức',
    access: 'supervisor',
    // The province's list, the same for every centre: nothing to narrow.
    centre: 'own',
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
    handler: ({ body, params }) =>
      editExisting(db(), {
        table: 'agencies',
        id: params.id!,
        missing: 'Không tìm thấy cơ quan, đơn vị.',
        list: listAgencies,
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
      }),
  });
}
