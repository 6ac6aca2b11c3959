import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { readTable } from '../../server/staff/read-table.ts';
import { importStaff } from '../../server/staff/staff-import.ts';
import { HttpError } from '../../server/http-error.ts';
import { UsageError } from '../usage-error.ts';
import { DB_OPTIONS, openCliDb } from './server.ts';

export const STAFF_USAGE = `hailong staff import FILE [--db FILE | --database-url URL] [--dry-run]
  Nhập danh sách cán bộ từ CSV hoặc XLSX (cột "Họ và tên", "Cơ quan, đơn vị"; Phụ lục 2 kỳ trước cũng được).`;

export async function runStaff(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { ...DB_OPTIONS, 'dry-run': { type: 'boolean', default: false } },
    allowPositionals: true,
    strict: true,
  });
  const [action, file] = positionals;
  if (action !== 'import' || !file) throw new UsageError('Cần: hailong staff import FILE');
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch {
    throw new UsageError(`Không đọc được tệp ${file}.`);
  }
  const kind = file.toLowerCase().endsWith('.xlsx') ? 'xlsx' : file.toLowerCase().endsWith('.csv') ? 'csv' : undefined;
  const table = await readTable(data, kind);
  const server = await openCliDb(values);
  try {
    const result = await importStaff(server.db, table, { dryRun: values['dry-run'] });
    console.log(
      `${result.dryRun ? '(Xem trước, chưa ghi) ' : ''}Dòng tiêu đề: ${result.headerRow}. ` +
        `Thêm mới: ${result.created}, cập nhật: ${result.updated}, không đổi: ${result.unchanged}.`,
    );
    for (const unknown of result.unknownAgencies) {
      console.log(`  Dòng ${unknown.row}: không có cơ quan, đơn vị "${unknown.name}" — bỏ qua.`);
    }
    for (const skipped of result.skipped) console.log(`  Dòng ${skipped.row}: ${skipped.reason}`);
    if (result.unknownAgencies.length > 0) process.exitCode = 3;
  } catch (error) {
    if (error instanceof HttpError) throw new UsageError(error.message);
    throw error;
  } finally {
    await server.close();
  }
}
