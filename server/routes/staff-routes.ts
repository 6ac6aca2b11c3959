import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { StaffImportResultSchema } from '../../shared/contract/server-api.ts';
import type { ServerContext } from '../context.ts';
import { badRequest, HttpError } from '../http-error.ts';
import { readTable, sniffKind, TableTooLargeError, XLSX_MIME, type TableKind } from '../staff/read-table.ts';
import { importStaff } from '../staff/staff-import.ts';
import { addRoute } from './route.ts';

/** A centre's staff list is a few hundred rows of a handful of columns; more is not a staff list. */
export const MAX_IMPORT_ROWS = 5000;
export const MAX_IMPORT_COLUMNS = 30;

export const STAFF_IMPORT_LIMIT = 10 * 1024 * 1024;
const LIMIT_TEXT = `Tệp quá lớn: tối đa ${STAFF_IMPORT_LIMIT / 1024 / 1024} MB.`;

function kindOf(contentType: string, fileName: string | null, body: Buffer): TableKind {
  if (fileName?.toLowerCase().endsWith('.xlsx') || contentType.startsWith(XLSX_MIME)) return 'xlsx';
  if (fileName?.toLowerCase().endsWith('.csv') || contentType.startsWith('text/csv')) return 'csv';
  return sniffKind(body);
}

/**
 * The upload parsers and their 10 MB limit live in a plugin of their own (Fastify encapsulation),
 * so only the import route takes file bodies; login, enrolment and the rest keep the small limit.
 */
export async function staffRoutes(app: FastifyInstance, server: ServerContext): Promise<void> {
  await app.register(async (scope) => {
    // One file and a few fields: anything more in a form is not a staff list (issue 9 item 3).
    await scope.register(multipart, {
      limits: { fileSize: STAFF_IMPORT_LIMIT, files: 1, fields: 10, parts: 11, fieldSize: 1024, headerPairs: 100 },
    });
    importRoute(scope, server);
  });
}

/** The uploaded file of a multipart form, read within the limits; each refusal in Vietnamese. */
async function fileFromForm(request: FastifyRequest): Promise<{ data: Buffer; fileName: string; mimetype: string }> {
  try {
    const file = await request.file();
    if (!file) throw badRequest('Không thấy tệp nào trong biểu mẫu tải lên.');
    return { data: await file.toBuffer(), fileName: file.filename, mimetype: file.mimetype };
  } catch (failure) {
    if (failure instanceof HttpError) throw failure;
    const code = (failure as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new HttpError(413, 'too_large', LIMIT_TEXT);
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
      throw new HttpError(413, 'too_many_parts', 'Biểu mẫu tải lên chỉ được có một tệp danh sách cán bộ.');
    }
    throw badRequest('Không đọc được biểu mẫu tải lên (multipart/form-data): hãy gửi lại tệp.');
  }
}

function importRoute(app: FastifyInstance, server: ServerContext): void {
  // A bare CSV or XLSX body arrives as raw bytes; the route decides which. Forms go to the plugin.
  app.addContentTypeParser(
    ['text/csv', XLSX_MIME, 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: STAFF_IMPORT_LIMIT },
    (_request, body, done) => done(null, body),
  );

  addRoute(app, server, {
    method: 'POST',
    url: '/api/v1/staff/import',
    summary:
      'Nhập danh sách cán bộ từ CSV hoặc XLSX (cột "Họ và tên", "Cơ quan, đơn vị", tuỳ chọn "Mã cán bộ"; Phụ lục 2 kỳ trước cũng được). ?dryRun=1 để xem trước; cán bộ chuyển cơ quan cần ?moves=apply hoặc ?moves=keep',
    access: 'admin',
    query: z.object({
      dryRun: z.enum(['0', '1', 'true', 'false']).optional(),
      // Officers the sheet puts under another agency: move them, or keep them where they are.
      moves: z.enum(['apply', 'keep'], { error: 'moves phải là "apply" (chuyển) hoặc "keep" (giữ nguyên)' }).optional(),
    }),
    response: StaffImportResultSchema,
    produces: ['application/json'],
    consumes: ['text/csv', XLSX_MIME, 'multipart/form-data'],
    bodyLimit: STAFF_IMPORT_LIMIT,
    handler: async ({ request, query }) => {
      let contentType = request.headers['content-type'] ?? '';
      let fileName: string | null = null;
      let data: Buffer;
      if (request.isMultipart()) {
        const file = await fileFromForm(request);
        data = file.data;
        fileName = file.fileName;
        contentType = file.mimetype;
      } else if (Buffer.isBuffer(request.body)) {
        data = request.body;
      } else {
        throw badRequest('Hãy gửi tệp CSV hoặc XLSX (text/csv, XLSX hoặc multipart/form-data).');
      }
      let table;
      try {
        table = await readTable(data, kindOf(contentType, fileName, data), {
          rows: MAX_IMPORT_ROWS,
          columns: MAX_IMPORT_COLUMNS,
        });
      } catch (failure) {
        if (failure instanceof TableTooLargeError) {
          throw badRequest(
            `Tệp quá lớn để là danh sách cán bộ: tối đa ${MAX_IMPORT_ROWS} dòng và ${MAX_IMPORT_COLUMNS} cột.`,
          );
        }
        throw badRequest('Không đọc được tệp: hãy dùng CSV (UTF-8) hoặc XLSX.');
      }
      return importStaff(server.db, table, {
        dryRun: query.dryRun === '1' || query.dryRun === 'true',
        ...(query.moves ? { moves: query.moves } : {}),
      });
    },
  });
}
