import type Database from 'better-sqlite3';
import { assertMigrationOrder as assertOrder } from '../../shared/node/migration-order.ts';
import { DatabaseOpenError, openErrorFor, openSqliteFile } from '../../shared/node/sqlite-file.ts';
import type { Migration } from './migrations/migration.ts';
import { KIOSK_MIGRATIONS } from './migrations/index.ts';
import { isDiskFull } from './storage-guard.ts';
import { prepareCheckpoints, schemaVersion, setSchemaVersion } from './data/sqlite-housekeeping.ts';

export type Db = Database.Database;

export { DatabaseOpenError };

/** The shared order rule; contiguous from 1 here, because the number is PRAGMA user_version. */
export function assertMigrationOrder(migrations: readonly Migration[]): void {
  assertOrder(migrations, { contiguous: true });
}

/** Throws if the database was written by a newer hailong; returns its schema version. */
function refuseNewer(db: Db, latest: number): number {
  const current = schemaVersion(db);
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
      setSchemaVersion(db, migration.version);
    })();
  }
}

/**
 * Opens (or creates) the kiosk's SQLite file (settings in shared/node/sqlite-file.ts) and
 * brings it to the latest schema; refuses one written by a newer hailong before touching it.
 */
export function openDatabase(file: string, migrations: readonly Migration[] = KIOSK_MIGRATIONS): Db {
  try {
    return openWith(file, migrations, false);
  } catch (error) {
    // On a full disk the WAL's shared-memory file cannot be created: open in exclusive mode,
    // which keeps that index in memory, so the kiosk comes up and says the disk is full.
    if (!(error instanceof DatabaseOpenError) || !isDiskFull(error.cause)) throw error;
    return openWith(file, migrations, true);
  }
}

function openWith(file: string, migrations: readonly Migration[], exclusive: boolean): Db {
  const db = openSqliteFile(file, {
    busyTimeoutMs: 5000,
    exclusive,
    // A kiosk's working set is small; a 4 MB page cache keeps its memory flat on a small PC.
    cacheKiB: 4000,
    // After a checkpoint resets the WAL, cut the file back to 1 MB: its high-water mark would
    // otherwise stay on disk for good (5 MB after a busy morning).
    journalSizeLimitBytes: WAL_SIZE_LIMIT_BYTES,
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

/** The WAL file is cut back to this size after each complete checkpoint. */
export const WAL_SIZE_LIMIT_BYTES = 1024 * 1024;

export interface CheckpointHooks {
  /** A checkpoint failed (a full disk among others); the timer keeps running. */
  failed?: (error: unknown) => void;
  /** Called on every tick, after the checkpoint (the full-disk probe runs here). */
  tick?: () => void;
}

/**
 * Moves WAL pages into the database on a timer instead of inside a commit, so a citizen's tap
 * never waits for the checkpoint's fsync, and empties the WAL file (TRUNCATE) once nothing was
 * written for a whole tick. SQLite's own auto-checkpoint (1000 pages, about 4 MB) stays as the
 * bound for a kiosk that never goes idle. A failure never escapes the timer: on a full disk an
 * uncaught SQLITE_FULL here used to end the process. Returns the function that stops it.
 */
export function checkpointWhenIdle(db: Db, intervalMs = 2_000, hooks: CheckpointHooks = {}): () => void {
  const checkpoints = prepareCheckpoints(db, 1000);
  let lastChanges = -1;
  let walFrames = 1;
  const timer = setInterval(() => {
    try {
      const changes = checkpoints.totalChanges();
      const idle = changes === lastChanges;
      lastChanges = changes;
      if (!idle || walFrames > 0) {
        walFrames = checkpoints.checkpoint(idle ? 'TRUNCATE' : 'PASSIVE');
      }
    } catch (error) {
      hooks.failed?.(error);
    }
    try {
      hooks.tick?.();
    } catch (error) {
      hooks.failed?.(error);
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
