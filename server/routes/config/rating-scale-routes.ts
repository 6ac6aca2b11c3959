import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../../context.ts';
import { z } from 'zod';
import { RatingReasonsSchema, RatingScaleSchema } from '../../../shared/contract/server-api.ts';
import { RatingLevelSchema, RatingReasonSchema } from '../../../shared/domain/config.ts';
import { listLevels, listReasons } from '../../config/config-repo.ts';
import { addRoute } from '../route.ts';
import { change } from './change.ts';

/** The rating scale (the columns of Phụ lục 2) and the reasons a low rating may give. */
export function ratingScaleRoutes(app: FastifyInstance, server: ServerContext): void {
  const db = () => server.db;

  // Rating scale and reasons
  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/rating-scale',
    summary: 'Thang đánh giá (tốt nhất trước)',
    access: 'supervisor',
    // The province's list, the same for every centre: nothing to narrow.
    centre: 'own',
    response: z.array(RatingLevelSchema),
    handler: () => listLevels(db()),
  });
  addRoute(app, server, {
    method: 'PUT',
    url: '/api/v1/rating-scale',
    summary: 'Thay thang đánh giá (các cột của Phụ lục 2)',
    // The province owns the scale and the reasons (issue 13 §1): only its admin changes them.
    access: 'province_admin',
    body: RatingScaleSchema,
    response: z.array(RatingLevelSchema),
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
    // The province's list, the same for every centre: nothing to narrow.
    centre: 'own',
    response: z.array(RatingReasonSchema),
    handler: () => listReasons(db()),
  });
  addRoute(app, server, {
    method: 'PUT',
    url: '/api/v1/reasons',
    summary: 'Thay danh sách lý do chưa hài lòng',
    // The province owns the scale and the reasons (issue 13 §1): only its admin changes them.
    access: 'province_admin',
    body: RatingReasonsSchema,
    response: z.array(RatingReasonSchema),
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
