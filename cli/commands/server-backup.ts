import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BackupError, backupPostgres, backupSqlite } from '../../server/db/backup.ts';
import { CommandError, UsageError } from '../usage-error.ts';
import { DB_OPTIONS, dbOptionsFrom } from './server.ts';

export const SERVER_BACKUP_USAGE = `hailong server backup [--db FILE | --database-url postgres://…] --out FILE
  Sao lưu cơ sở dữ liệu máy chủ khi máy chủ vẫn chạy: SQLite bằng cơ chế sao lưu trực tuyến (bản sao nhất quán,
  được kiểm tra toàn vẹn); PostgreSQL bằng pg_dump (định dạng custom, khôi phục bằng pg_restore). Không ghi đè tệp có sẵn.`;

const MB = 1024 * 1024;

export async function runServerBackup(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { ...DB_OPTIONS, out: { type: 'string' } }, strict: true });
  if (!values.out) throw new UsageError(`Cần --out FILE: nơi ghi bản sao lưu.\n\n${SERVER_BACKUP_USAGE}`);
  const out = resolve(values.out);
  const options = dbOptionsFrom(values);
  try {
    if (options.databaseUrl) {
      const result = await backupPostgres(options.databaseUrl, out);
      if (result.warnings) console.error(result.warnings);
      console.log(
        `Đã sao lưu PostgreSQL vào ${result.out} (${(result.bytes / MB).toFixed(1)} MB, định dạng pg_dump custom).`,
      );
      console.log('Khôi phục: createdb TÊN_MỚI && pg_restore --no-owner --dbname postgres://…/TÊN_MỚI ' + result.out);
    } else {
      const result = await backupSqlite(options.dbFile!, out);
      console.log(
        `Đã sao lưu ${options.dbFile} vào ${result.out} (${(result.bytes / MB).toFixed(1)} MB, ${result.ratings} lượt đánh giá, đã kiểm tra toàn vẹn).`,
      );
    }
  } catch (error) {
    if (error instanceof BackupError) throw new CommandError(error.message);
    throw error;
  }
}
