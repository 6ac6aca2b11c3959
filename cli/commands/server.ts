import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createServer } from '../../server/app.ts';
import { seedDefaults } from '../../server/config/seed.ts';
import { openServerDb, type ServerDb } from '../../server/db/database.ts';
import { CommandError, UsageError, parsePort } from '../usage-error.ts';

export const SERVER_USAGE = `hailong server [--db FILE | --database-url postgres://…] [--port N] [--host H] [--demo] [--trust-proxy N]
  Chạy máy chủ trung tâm (mặc định SQLite ./data/central.db, cổng 8080, chỉ nghe 127.0.0.1).
  --trust-proxy N: khi chạy sau N proxy ngược (nginx… thường là 1), lấy địa chỉ máy người dùng từ X-Forwarded-For,
    chỉ tin N chặng cuối (một địa chỉ giả do người dùng tự thêm vào đầu danh sách bị bỏ qua).
hailong server backup [--db FILE | --database-url postgres://…] --out FILE
  Sao lưu cơ sở dữ liệu khi máy chủ vẫn chạy (SQLite: sao lưu trực tuyến; PostgreSQL: pg_dump). Xem docs/deployment.md.
hailong server reconcile [--db FILE | --database-url postgres://…] [--fix]
  Đếm lại mọi bảng tổng hợp (Phụ lục 2, bảng điều khiển) từ dữ liệu gốc và in mọi chỗ khác nhau;
  --fix: thay bảng tổng hợp bằng số đếm lại. Mã thoát 1 khi còn chỗ khác nhau chưa sửa.`;


export const DB_OPTIONS = {
  db: { type: 'string' },
  'database-url': { type: 'string' },
} as const;

/** --database-url (or HAILONG_DATABASE_URL) for PostgreSQL, else --db FILE, else ./data/central.db. */
export function dbOptionsFrom(values: { db?: string; 'database-url'?: string }): {
  dbFile?: string;
  databaseUrl?: string;
} {
  if (values.db && values['database-url']) throw new UsageError('Chỉ dùng một trong hai: --db hoặc --database-url.');
  const url = values['database-url'] ?? (values.db ? undefined : process.env.HAILONG_DATABASE_URL);
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) throw new UsageError(`--database-url phải bắt đầu bằng postgres://: ${url}`);
    return { databaseUrl: url };
  }
  return { dbFile: resolve(values.db ?? 'data/central.db') };
}

/**
 * Opens the central database for a command-line tool (works while the server runs on it). Only
 * `hailong server` creates a database: a mistyped --db must not give a new, empty one whose
 * report looks valid.
 */
export async function openCliDb(values: { db?: string; 'database-url'?: string }): Promise<ServerDb> {
  const options = dbOptionsFrom(values);
  if (options.dbFile !== undefined && !existsSync(options.dbFile)) {
    throw new CommandError(
      `Không có tệp cơ sở dữ liệu ${options.dbFile}. Hãy kiểm tra lại --db (tệp do "hailong server" tạo ra khi chạy lần đầu).`,
    );
  }
  const server = await openServerDb(options);
  await seedDefaults(server.db);
  return server;
}

/** `--trust-proxy N`: the number of proxies in front of the server (never "all of them"). */
export function parseTrustProxy(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9]$/.test(value)) {
    throw new CommandError('--trust-proxy cần số proxy đứng trước máy chủ, từ 1 đến 9 (thường là 1).');
  }
  return Number(value);
}

export async function runServer(argv: string[]): Promise<void> {
  if (argv[0] === 'backup') {
    const { runServerBackup } = await import('./server-backup.ts');
    return runServerBackup(argv.slice(1));
  }
  if (argv[0] === 'reconcile') {
    const { runReconcile } = await import('./reconcile.ts');
    await runReconcile(argv.slice(1));
    return;
  }
  const { values } = parseArgs({
    args: argv,
    options: {
      ...DB_OPTIONS,
      port: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      demo: { type: 'boolean', default: false },
      'trust-proxy': { type: 'string' },
    },
    strict: true,
  });
  const dbOptions = dbOptionsFrom(values);
  const app = await createServer({
    ...dbOptions,
    demo: values.demo,
    trustProxy: parseTrustProxy(values['trust-proxy']),
    log: (message) => console.log(message),
  });
  const address = await app.listen({ host: values.host, port: parsePort(values.port, 8080) });
  console.log(`Máy chủ trung tâm: ${address}/`);
  console.log(`Cơ sở dữ liệu: ${dbOptions.databaseUrl ? 'PostgreSQL' : dbOptions.dbFile}`);
  console.log(`Tài liệu API: ${address}/api/v1/openapi.json`);
  const stop = () => {
    void app.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
