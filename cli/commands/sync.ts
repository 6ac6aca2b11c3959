import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { HttpError } from '../../server/http-error.ts';
import { importEventsFile } from '../../server/sync/import-file.ts';
import { UsageError } from '../usage-error.ts';
import { DB_OPTIONS, openCliDb } from './server.ts';

export const SYNC_USAGE = `hailong sync import FILE [--db FILE | --database-url URL] [--device-id ID | --device-name TÊN]
  Nạp tệp "hailong kiosk export" vào máy chủ theo đúng đường đồng bộ (gửi lại nhiều lần không bị đếm trùng).`;

export async function runSync(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { ...DB_OPTIONS, 'device-id': { type: 'string' }, 'device-name': { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const [action, file] = positionals;
  if (action !== 'import' || !file) throw new UsageError('Cần: hailong sync import FILE');
  if (!existsSync(file)) throw new UsageError(`Không có tệp ${file}.`);
  if (values['device-id'] && values['device-name']) {
    throw new UsageError('Chỉ dùng một trong hai: --device-id hoặc --device-name.');
  }
  const server = await openCliDb(values);
  try {
    const result = await importEventsFile(server.db, file, {
      ...(values['device-id'] ? { deviceId: values['device-id'] } : {}),
      ...(values['device-name'] ? { deviceName: values['device-name'] } : {}),
    });
    console.log(
      `Thiết bị: ${result.deviceId}. Đã nhận ${result.accepted} sự kiện mới, ${result.duplicates} sự kiện đã có, ` +
        `${result.rejected.length} bị từ chối.`,
    );
    for (const r of result.rejected) console.log(`  Dòng ${r.line}${r.id ? ` (${r.id})` : ''}: ${r.reason}`);
    if (result.rejected.length > 0) process.exitCode = 3;
  } catch (error) {
    if (error instanceof HttpError) throw new UsageError(error.message);
    throw error;
  } finally {
    await server.close();
  }
}
