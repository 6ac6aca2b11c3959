import Database from 'better-sqlite3';
import type { Migration } from './migrations/migration.ts';
import { KIOSK_MIGRATIONS } from './migrations/index.ts';

export type Db = Database.Database;

const statementCache = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * A statement prepared once per connection, for the calls made on every rating: preparing
 * afresh each time churns native memory the garbage collector cannot see (tens of MB over
 * 100,000 ratings). Shared, so never switch its mode (pluck, raw, expand).
 */
export function cachedStatement<P extends unknown[] = unknown[], R = unknown>(
  db: Db,
  sql: string,
): Database.Statement<P, R> {
  let cache = statementCache.get(db);
  if (!cache) statementCache.set(db, (cache = new Map<string, Database.Statement>()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = db.prepare(sql)));
  return statement as Database.Statement<P, R>;
}

export class DatabaseOpenError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseOpenError';
  }
}

/** Checks the list is strictly increasing from 1, so a misplaced migration fails loudly. */
export function assertMigrationOrder(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migration ${migration.name} has version ${migration.version}, expected ${index + 1}`);
    }
  });
}

/** Throws if the database was written by a newer hailong; returns its schema version. */
function refuseNewer(db: Db, latest: number): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) {
    throw new DatabaseOpenError(
      `Cơ sở dữ liệu do một phiên bản hailong mới hơn tạo ra (lược đồ ${current}, phiên bản này chỉ hỗ trợ tới ${latest}). ` +
        'Hãy cài phiên bản hailong mới hơn; dữ liệu không bị thay đổi.',
    );
  }
  return current;
}

/** Runs every migration newer than the database, each in its own transaction. */
export function migrate(db: Db, migrations: readonly Migration[]): void {
  assertMigrationOrder(migrations);
  const current = refuseNewer(db, migrations.length);
  for (const migration of migrations.slice(current)) {
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}

/**
 * Opens (or creates) a SQLite file with the settings that make an acknowledged write
 * survive a power cut: WAL with synchronous=FULL, foreign keys on, and a busy timeout so a
 * second process (export, import) waits instead of failing.
 */
export function openDatabase(file: string, migrations: readonly Migration[] = KIOSK_MIGRATIONS): Db {
  let db: Db | undefined;
  try {
    db = new Database(file);
    db.pragma('busy_timeout = 5000');
    // Before anything writes: switching to WAL rewrites the header of a newer database.
    refuseNewer(db, migrations.length);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // A kiosk's working set is small; a 4 MB page cache keeps its memory flat on a small PC.
    db.pragma('cache_size = -4000');
    migrate(db, migrations);
    return db;
  } catch (error) {
    db?.close();
    if (error instanceof DatabaseOpenError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw new DatabaseOpenError(
        `Tệp dữ liệu ${file} bị hỏng hoặc không phải cơ sở dữ liệu hailong. Hãy giữ nguyên tệp và báo cán bộ CNTT.`,
        { cause: error },
      );
    }
    throw new DatabaseOpenError(`Không mở được tệp dữ liệu ${file}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Moves WAL pages into the database on a timer instead of inside a commit, so a citizen's tap
 * never waits for the checkpoint's fsync. SQLite's own auto-checkpoint stays as a high bound
 * (about 40 MB of WAL) for a kiosk that never goes idle. Returns the function that stops it.
 */
export function checkpointWhenIdle(db: Db, intervalMs = 2_000): () => void {
  db.pragma('wal_autocheckpoint = 10000');
  const timer = setInterval(() => db.pragma('wal_checkpoint(PASSIVE)'), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
