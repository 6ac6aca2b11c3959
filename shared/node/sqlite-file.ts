import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** A database that cannot be opened or migrated; its message is for the user, in Vietnamese. */
export class DatabaseOpenError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseOpenError';
  }
}

/** A corrupt or foreign file gets a message that says to keep it and call IT; anything else says what failed. */
export function openErrorFor(file: string, error: unknown): DatabaseOpenError {
  if (error instanceof DatabaseOpenError) return error;
  const code = (error as { code?: string }).code;
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new DatabaseOpenError(
      `Tệp dữ liệu ${file} bị hỏng hoặc không phải cơ sở dữ liệu hailong. Hãy giữ nguyên tệp và báo cán bộ CNTT.`,
      { cause: error },
    );
  }
  return new DatabaseOpenError(`Không mở được tệp dữ liệu ${file}: ${(error as Error).message}`, { cause: error });
}

export interface SqliteFileOptions {
  /** How long a writer waits for another process's write lock (CLI and server or kiosk on one file). */
  busyTimeoutMs: number;
  /** Creates the file's folder (the server); the kiosk refuses a data folder that does not exist. */
  createDir?: boolean;
  /** Page cache in KiB (SQLite's default when absent). */
  cacheKiB?: number;
  /** Keeps the WAL index in process memory (no -shm file): how a kiosk opens on a full disk. */
  exclusive?: boolean;
  /** Cuts the WAL file back to this size after each complete checkpoint. */
  journalSizeLimitBytes?: number;
  /** Runs before the switch to WAL, which rewrites the header (e.g. refuse a newer schema first). */
  beforeWal?: (db: Database.Database) => void;
}

/**
 * Opens (or creates) a SQLite file with the settings that make an acknowledged write survive a
 * power cut, for the kiosk and the server alike: WAL with synchronous=FULL, foreign keys on, a
 * busy timeout so a second process waits instead of failing. Errors become DatabaseOpenError.
 */
export function openSqliteFile(file: string, options: SqliteFileOptions): Database.Database {
  let db: Database.Database | undefined;
  try {
    if (options.createDir && file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    db = new Database(file);
    db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs)}`);
    if (options.exclusive) db.pragma('locking_mode = EXCLUSIVE');
    options.beforeWal?.(db);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    if (options.cacheKiB !== undefined) db.pragma(`cache_size = -${Math.trunc(options.cacheKiB)}`);
    if (options.journalSizeLimitBytes !== undefined) {
      db.pragma(`journal_size_limit = ${Math.trunc(options.journalSizeLimitBytes)}`);
    }
    return db;
  } catch (error) {
    db?.close();
    throw openErrorFor(file, error);
  }
}
