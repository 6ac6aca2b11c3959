import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { StaffImportResultSchema } from '../../shared/contract/server-api.ts';
import type { ServerContext } from '../context.ts';
import { badRequest } from '../http-error.ts';
import { fileFromMultipart, readTable, sniffKind, XLSX_MIME, type TableKind } from '../staff/read-table.ts';
import { importStaff } from '../staff/staff-import.ts';
import { addRoute } from './route.ts';

/** A centre's staff list is a few hundred rows of a handful of columns; more is not a staff list. */
export const MAX_IMPORT_ROWS = 5000;
export const MAX_IMPORT_COLUMNS = 30;

export const STAFF_IMPORT_LIMIT = 10 * 1024 * 1024;

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
  await app.register((scope, _options, done) => {
    importRoute(scope, server);
    done();
  });
}

function importRoute(app: FastifyInstance, server: ServerContext): void {
  // Uploads arrive as raw bytes; the route decides CSV or XLSX.
  app.addContentTypeParser(
    ['text/csv', XLSX_MIME, 'application/octet-stream', 'multipart/form-data'],
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
      const contentType = request.headers['content-type'] ?? '';
      if (!Buffer.isBuffer(request.body)) {
        throw badRequest('Hãy gửi tệp CSV hoặc XLSX (text/csv, XLSX hoặc multipart/form-data).');
      }
      let data: Buffer = request.body;
      let fileName: string | null = null;
      if (contentType.startsWith('multipart/form-data')) {
        const file = fileFromMultipart(data, contentType);
        if (!file) throw badRequest('Không thấy tệp nào trong biểu mẫu tải lên.');
        data = file.data;
        fileName = file.fileName;
      }
      let table;
      try {
        table = await readTable(data, kindOf(contentType, fileName, data));
      } catch {
        throw badRequest('Không đọc được tệp: hãy dùng CSV (UTF-8) hoặc XLSX.');
      }
      if (table.length > MAX_IMPORT_ROWS || table.some((row) => row.length > MAX_IMPORT_COLUMNS)) {
        throw badRequest(
          `Tệp quá lớn để là danh sách cán bộ: tối đa ${MAX_IMPORT_ROWS} dòng và ${MAX_IMPORT_COLUMNS} cột.`,
        );
      }
      return importStaff(server.db, table, {
        dryRun: query.dryRun === '1' || query.dryRun === 'true',
        ...(query.moves ? { moves: query.moves } : {}),
      });
    },
  });
}
