import type { FastifyInstance } from 'fastify';
import { OfficerPhotoSchema, OkSchema } from '../../../shared/contract/server-api.ts';
import { MAX_OFFICER_PHOTO_BYTES, sniffPhotoType } from '../../../shared/domain/officer-photo.ts';
import type { ServerContext } from '../../context.ts';
import { badRequest, notFound } from '../../http-error.ts';
import { addRoute } from '../route.ts';
import { changeAtCentres, ownerCentre } from './change.ts';

const UPLOAD_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/octet-stream'];
const TOO_LARGE = `Ảnh quá lớn: tối đa ${MAX_OFFICER_PHOTO_BYTES / 1024} KB. Hãy thu nhỏ ảnh rồi tải lại.`;

/**
 * An officer's photo for the kiosk's idle screen: uploaded as raw bytes, kept only when the
 * bytes are a JPEG, PNG or WebP image, stored as is and delivered to the counter's kiosks
 * with their configuration (the version goes up, as for a PIN). Its own plugin scope, so only
 * these routes take image bodies.
 */
export async function officerPhotoRoutes(app: FastifyInstance, server: ServerContext): Promise<void> {
  await app.register((scope, _options, done) => {
    photoRoutes(scope, server);
    done();
  });
}

function photoRoutes(app: FastifyInstance, server: ServerContext): void {
  // One byte over the cap still reaches the handler, so it answers with its own message.
  app.addContentTypeParser(
    UPLOAD_TYPES,
    { parseAs: 'buffer', bodyLimit: MAX_OFFICER_PHOTO_BYTES + 1 },
    (_request, body, done) => done(null, body),
  );
  const photoUrl = '/api/v1/officers/:id/photo';
  /** Upload and removal are one write: the photo (or none), with the config version bumped for kiosks. */
  const setPhoto = (officerId: string, photo: string | null) =>
    changeAtCentres(server.db, async (trx, concerns) => {
      concerns(await ownerCentre(trx, 'officers', officerId, 'Không tìm thấy cán bộ.'));
      await trx.updateTable('officers').set({ photo }).where('id', '=', officerId).execute();
    });

  addRoute(app, server, {
    method: 'PUT',
    url: photoUrl,
    summary: `Tải ảnh cán bộ (JPEG, PNG hoặc WebP, tối đa ${MAX_OFFICER_PHOTO_BYTES / 1024} KB) cho màn hình chờ của kiosk`,
    access: 'admin',
    centre: { table: 'officers' },
    response: OkSchema,
    consumes: UPLOAD_TYPES,
    bodyLimit: MAX_OFFICER_PHOTO_BYTES + 1,
    handler: async ({ request, params }) => {
      if (!Buffer.isBuffer(request.body) || request.body.length === 0) {
        throw badRequest('Hãy chọn một tệp ảnh JPEG, PNG hoặc WebP.');
      }
      const bytes = request.body;
      if (bytes.length > MAX_OFFICER_PHOTO_BYTES) throw badRequest(TOO_LARGE, 'too_large');
      const type = sniffPhotoType(bytes);
      if (!type) throw badRequest('Tệp không phải ảnh JPEG, PNG hoặc WebP.', 'not_an_image');
      await setPhoto(params.id!, `data:${type};base64,${bytes.toString('base64')}`);
      return { ok: true };
    },
  });

  addRoute(app, server, {
    method: 'DELETE',
    url: photoUrl,
    summary: 'Xoá ảnh cán bộ',
    access: 'admin',
    centre: { table: 'officers' },
    response: OkSchema,
    handler: async ({ params }) => {
      await setPhoto(params.id!, null);
      return { ok: true };
    },
  });

  addRoute(app, server, {
    method: 'GET',
    url: photoUrl,
    summary: 'Ảnh cán bộ (data: URL), để xem trước trong trang Cán bộ',
    access: 'supervisor',
    centre: { table: 'officers' },
    response: OfficerPhotoSchema,
    handler: async ({ params }) => {
      const row = await server.db
        .selectFrom('officers')
        .select('photo')
        .where('id', '=', params.id!)
        .executeTakeFirst();
      if (!row) throw notFound('Không tìm thấy cán bộ.');
      return { photo: row.photo };
    },
  });
}
