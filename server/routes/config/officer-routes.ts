import type { FastifyInstance } from 'fastify';
import { OkSchema } from '../../../shared/contract/server-api.ts';
import type { ServerContext } from '../../context.ts';
import { z } from 'zod';
import {
  OfficerInputSchema,
  OfficerOutSchema,
  OfficerPatchSchema,
  OfficerPinSchema,
} from '../../../shared/contract/server-api.ts';
import { matchKey } from '../../../shared/domain/text.ts';
import { vietnamDay } from '../../../shared/domain/vietnam-time.ts';
import { hashPin } from '../../auth/secret-hash.ts';
import { minPinLength } from '../../config/centre-secrets.ts';
import { listOfficers } from '../../config/config-repo.ts';
import type { Db } from '../../db/database.ts';
import { badRequest, conflict, notFound } from '../../http-error.ts';
import { recordOfficerChange, startAssignment } from '../../staff/officer-assignments.ts';
import { addRoute } from '../route.ts';
import { changeAtCentres, newId } from './change.ts';
import { nextOfficerOrder } from './officer-order.ts';
import { actingCentre, scopeOf } from '../../auth/centre-scope.ts';
import { moveOfficerCentre, startCentre } from '../../staff/officer-centres.ts';
import { CentreFilterQuerySchema } from '../../../shared/contract/centres-api.ts';

async function assertAgency(db: Db, id: string) {
  const agency = await db.selectFrom('agencies').select('id').where('id', '=', id).executeTakeFirst();
  if (!agency) throw badRequest(`Không có cơ quan, đơn vị mã "${id}".`);
}

function assertDates(from: string | null | undefined, to: string | null | undefined) {
  if (from && to && from > to) throw badRequest('Ngày bắt đầu làm việc phải trước ngày kết thúc.');
}

/** Officers: added, moved between agencies (with their assignment history), given a PIN. */
export function officerRoutes(app: FastifyInstance, server: ServerContext): void {
  const db = () => server.db;

  // Officers
  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/officers',
    summary: 'Cán bộ theo thứ tự Phụ lục 2',
    access: 'supervisor',
    query: CentreFilterQuerySchema,
    response: z.array(OfficerOutSchema),
    centre: 'own',
    handler: ({ user, query }) => listOfficers(db(), scopeOf(user) ?? query.centreId ?? null),
  });
  addRoute(app, server, {
    method: 'POST',
    url: '/api/v1/officers',
    summary: 'Thêm cán bộ',
    access: 'admin',
    body: OfficerInputSchema,
    response: OfficerOutSchema,
    centre: 'own',
    handler: async ({ body, reply, user }) => {
      assertDates(body.activeFrom, body.activeTo);
      const centreId = await actingCentre(db(), user, body.centreId);
      const id = body.id ?? newId('cb');
      await changeAtCentres(db(), async (trx, concerns) => {
        concerns(centreId);
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
            centre_id: centreId,
          })
          .execute();
        await startAssignment(trx, id, officer);
        await startCentre(trx, id, centreId);
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
    centre: { table: 'officers' },
    handler: async ({ body, params, user }) => {
      // Another centre: a province admin's move (a centre's user is refused before this).
      const toCentre = body.centreId === undefined ? undefined : await actingCentre(db(), user, body.centreId);
      const id = params.id!;
      await changeAtCentres(db(), async (trx, concerns) => {
        const current = await trx.selectFrom('officers').selectAll().where('id', '=', id).executeTakeFirst();
        if (!current) throw notFound('Không tìm thấy cán bộ.');
        // A move changes what both centres' kiosks hold.
        concerns(current.centre_id);
        if (toCentre !== undefined) concerns(toCentre);
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
            ...(toCentre !== undefined ? { centre_id: toCentre } : {}),
          })
          .where('id', '=', id)
          .execute();
        const after = await trx.selectFrom('officers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
        await recordOfficerChange(trx, id, current, after, vietnamDay(server.now()));
        if (toCentre !== undefined) {
          await moveOfficerCentre(trx, id, current.centre_id, toCentre, vietnamDay(server.now()));
        }
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
    response: OkSchema,
    centre: { table: 'officers' },
    handler: async ({ body, params }) => {
      const officer = await db()
        .selectFrom('officers')
        .select('centre_id')
        .where('id', '=', params.id!)
        .executeTakeFirst();
      if (!officer) throw notFound('Không tìm thấy cán bộ.');
      // The PIN policy of the officer's centre (else the province's).
      const minLength = await minPinLength(db(), officer.centre_id);
      if (body.pin.length < minLength) throw badRequest(`Mã PIN cán bộ cần ít nhất ${minLength} chữ số.`);
      const pinHash = await hashPin(body.pin);
      await changeAtCentres(db(), async (trx, concerns) => {
        concerns(officer.centre_id);
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
}
