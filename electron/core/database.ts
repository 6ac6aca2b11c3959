import type Database from 'better-sqlite3';
import { assertMigrationOrder as assertOrder } from '../../shared/node/migration-order.ts';
import { DatabaseOpenError, openErrorFor, openSqliteFile } from '../../shared/node/sqlite-file.ts';
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

export { DatabaseOpenError };

/** The shared order rule; contiguous from 1 here, because the number is PRAGMA user_version. */
export function assertMigrationOrder(migrations: readonly Migration[]): void {
  assertOrder(migrations, { contiguous: true });
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
 * Opens (or creates) the kiosk's SQLite file (settings in shared/node/sqlite-file.ts) and
 * brings it to the latest schema; refuses one written by a newer hailong before touching it.
 */
export function openDatabase(file: string, migrations: readonly Migration[] = KIOSK_MIGRATIONS): Db {
  const db = openSqliteFile(file, {
    busyTimeoutMs: 5000,
    // A kiosk's working set is small; a 4 MB page cache keeps its memory flat on a small PC.
    cacheKiB: 4000,
    beforeWal: (opened) => refuseNewer(opened, migrations.length),
  });
  try {
    migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    throw openErrorFor(file, error);
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
