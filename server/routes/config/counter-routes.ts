import type { FastifyInstance } from 'fastify';
import { OkSchema } from '../../../shared/contract/server-api.ts';
import type { ServerContext } from '../../context.ts';
import { z } from 'zod';
import {
  CounterAccessInputSchema,
  CounterAccessSchema,
  CounterInputSchema,
  CounterPatchSchema,
} from '../../../shared/contract/server-api.ts';
import {
  forgetCounter,
  linkEveryAgency,
  listCounterAccess,
  replaceCounterAccess,
} from '../../config/counter-access.ts';
import { CounterSchema } from '../../../shared/domain/config.ts';
import { listCounters } from '../../config/config-repo.ts';
import { conflict } from '../../http-error.ts';
import { addRoute } from '../route.ts';
import { changeAtCentres, editExisting, newId, ownerCentre } from './change.ts';
import { actingCentre, scopeOf } from '../../auth/centre-scope.ts';
import { firstCentreId } from '../../config/centres.ts';
import { CentreFilterQuerySchema } from '../../../shared/contract/centres-api.ts';

/** Counters (quầy). */
export function counterRoutes(app: FastifyInstance, server: ServerContext): void {
  const db = () => server.db;

  // Counters
  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/counters',
    summary: 'Quầy',
    access: 'supervisor',
    query: CentreFilterQuerySchema,
    response: z.array(CounterSchema),
    centre: 'own',
    handler: ({ user, query }) => listCounters(db(), scopeOf(user) ?? query.centreId ?? null),
  });
  addRoute(app, server, {
    method: 'POST',
    url: '/api/v1/counters',
    summary: 'Thêm quầy',
    access: 'admin',
    body: CounterInputSchema,
    response: CounterSchema,
    centre: 'own',
    handler: async ({ body, reply, user }) => {
      const centreId = await actingCentre(db(), user, body.centreId);
      // Counter numbers repeat across centres; the default id keeps the first centre's old form.
      const id = body.id ?? (centreId === (await firstCentreId(db())) ? `q-${body.number}` : newId(`q${body.number}`));
      await changeAtCentres(db(), async (trx, concerns) => {
        concerns(centreId);
        const clash = await trx
          .selectFrom('counters')
          .select('id')
          .where((eb) =>
            eb.or([eb('id', '=', id), eb.and([eb('number', '=', body.number), eb('centre_id', '=', centreId)])]),
          )
          .executeTakeFirst();
        if (clash) throw conflict(`Đã có quầy số ${body.number} hoặc mã "${id}".`);
        await trx
          .insertInto('counters')
          .values({ id, number: body.number, name: body.name, centre_id: centreId })
          .execute();
        await linkEveryAgency(trx, id);
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
    centre: { table: 'counters' },
    handler: ({ body, params }) =>
      editExisting(db(), {
        table: 'counters',
        id: params.id!,
        missing: 'Không tìm thấy quầy.',
        list: listCounters,
        edit: async (trx) => {
          if (body.number !== undefined) {
            const own = trx.selectFrom('counters').select('centre_id').where('id', '=', params.id!);
            const clash = await trx
              .selectFrom('counters')
              .select('id')
              .where('number', '=', body.number)
              .where('centre_id', '=', own)
              .where('id', '!=', params.id!)
              .executeTakeFirst();
            if (clash) throw conflict(`Đã có quầy số ${body.number}.`);
          }
          await trx.updateTable('counters').set(body).where('id', '=', params.id!).execute();
        },
      }),
  });
  addRoute(app, server, {
    method: 'DELETE',
    url: '/api/v1/counters/:id',
    summary: 'Xoá quầy (đánh giá đã ghi giữ nguyên)',
    access: 'admin',
    response: OkSchema,
    centre: { table: 'counters' },
    handler: async ({ params }) => {
      await changeAtCentres(db(), async (trx, concerns) => {
        concerns(await ownerCentre(trx, 'counters', params.id!, 'Không tìm thấy quầy.'));
        await trx.deleteFrom('counters').where('id', '=', params.id!).execute();
        await forgetCounter(trx, params.id!);
      });
      return { ok: true };
    },
  });

  // Who may sign in at each counter: its kiosk receives only these officers' PIN hashes.
  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/counters/access',
    summary: 'Cơ quan và cán bộ được đăng nhập tại từng quầy',
    access: 'supervisor',
    query: CentreFilterQuerySchema,
    response: z.array(CounterAccessSchema),
    centre: 'own',
    handler: ({ user, query }) => listCounterAccess(db(), scopeOf(user) ?? query.centreId ?? null),
  });
  addRoute(app, server, {
    method: 'PUT',
    url: '/api/v1/counters/:id/access',
    summary: 'Đặt cơ quan và cán bộ được đăng nhập tại một quầy (kiosk của quầy chỉ nhận mã PIN của họ)',
    access: 'admin',
    body: CounterAccessInputSchema,
    response: CounterAccessSchema,
    centre: { table: 'counters' },
    handler: async ({ body, params }) => {
      await changeAtCentres(db(), async (trx, concerns) => {
        concerns(await ownerCentre(trx, 'counters', params.id!, 'Không tìm thấy quầy.'));
        await replaceCounterAccess(trx, params.id!, body);
      });
      return (await listCounterAccess(db())).find((a) => a.counterId === params.id);
    },
  });
}
