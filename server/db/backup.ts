import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { MIGRATION_TABLE } from './database.ts';

/** A backup that could not be made, with a message the person running it can act on. */
export class BackupError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'BackupError';
  }
}

export interface BackupResult {
  out: string;
  bytes: number;
}

function assertFreshTarget(out: string): string {
  if (existsSync(out)) {
    throw new BackupError(`Tệp ${out} đã có: hãy chọn tên khác (bản sao lưu không ghi đè tệp nào).`);
  }
  // Written beside the target and renamed at the end: a backup cut short never looks complete.
  const partial = `${out}.partial`;
  rmSync(partial, { force: true });
  return partial;
}

/**
 * SQLite's online backup API: a consistent copy while the server keeps writing (WAL), then
 * checked (integrity, schema) before it takes its final name.
 */
export async function backupSqlite(dbFile: string, out: string): Promise<BackupResult & { ratings: number }> {
  if (!existsSync(dbFile)) throw new BackupError(`Không có tệp cơ sở dữ liệu ${dbFile}. Hãy kiểm tra lại --db.`);
  const partial = assertFreshTarget(out);
  let source: Database.Database | undefined;
  try {
    source = new Database(dbFile, { fileMustExist: true });
    source.pragma('busy_timeout = 10000');
    await source.backup(partial);
  } catch (error) {
    rmSync(partial, { force: true });
    throw new BackupError(`Không sao lưu được ${dbFile}: ${(error as Error).message}`, { cause: error });
  } finally {
    source?.close();
  }
  let ratings = 0;
  const copy = new Database(partial, { fileMustExist: true });
  try {
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new BackupError(`Bản sao lưu không toàn vẹn (${String(check)}); tệp gốc không bị đổi.`);
    const tables = copy
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name IN (?, 'ratings')`)
      .all(MIGRATION_TABLE) as { name: string }[];
    if (tables.length < 2) throw new BackupError(`${dbFile} không phải cơ sở dữ liệu máy chủ hailong.`);
    ratings = (copy.prepare('SELECT count(*) AS n FROM ratings').get() as { n: number }).n;
    // A standalone file: the copy needs no -wal beside it.
    copy.pragma('journal_mode = DELETE');
  } catch (error) {
    copy.close();
    rmSync(partial, { force: true });
    throw error;
  }
  copy.close();
  renameSync(partial, out);
  return { out, bytes: statSync(out).size, ratings };
}

/** The URL without its password (which goes to pg_dump through PGPASSWORD, not the process list). */
export function splitPassword(databaseUrl: string): { url: string; password: string | null } {
  const url = new URL(databaseUrl);
  const password = url.password ? decodeURIComponent(url.password) : null;
  url.password = '';
  return { url: url.toString(), password };
}

/** `pg_dump --format=custom` of the whole database, restored with `pg_restore` (docs/deployment.md). */
export async function backupPostgres(
  databaseUrl: string,
  out: string,
  options: { pgDump?: string } = {},
): Promise<BackupResult & { warnings: string }> {
  const partial = assertFreshTarget(out);
  const pgDump = options.pgDump ?? 'pg_dump';
  const { url, password } = splitPassword(databaseUrl);
  const stderr = await new Promise<string>((resolve, reject) => {
    const child = spawn(pgDump, ['--format=custom', '--no-owner', `--file=${partial}`, `--dbname=${url}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, ...(password !== null ? { PGPASSWORD: password } : {}) },
    });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'ENOENT'
          ? new BackupError(
              `Không tìm thấy lệnh ${pgDump}. Hãy cài công cụ PostgreSQL (Debian/Ubuntu: apt-get install postgresql-client, ` +
                `cùng phiên bản chính với máy chủ PostgreSQL hoặc mới hơn), hoặc chạy pg_dump trên máy chủ cơ sở dữ liệu.`,
            )
          : new BackupError(`Không chạy được ${pgDump}: ${error.message}`, { cause: error }),
      );
    });
    child.on('close', (code) => {
      if (code === 0) resolve(err);
      else reject(new BackupError(`${pgDump} dừng với mã ${code}: ${err.trim() || 'không rõ lý do'}`));
    });
  }).catch((error: unknown) => {
    rmSync(partial, { force: true });
    throw error;
  });
  renameSync(partial, out);
  return { out, bytes: statSync(out).size, warnings: stderr.trim() };
}
