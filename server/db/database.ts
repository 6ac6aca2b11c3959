import {
  CompiledQuery,
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  sql,
  type DatabaseConnection,
  type Driver,
  type Migration,
  type MigrationProvider,
  type SqliteDatabase,
} from 'kysely';
import pg from 'pg';
import { assertMigrationOrder as assertOrder } from '../../shared/node/migration-order.ts';
import { DatabaseOpenError, openSqliteFile } from '../../shared/node/sqlite-file.ts';
import { SERVER_MIGRATIONS } from './migrations/index.ts';
import type { ServerMigration } from './migrations/migration.ts';
import type { ServerSchema } from './schema.ts';

export type Backend = 'sqlite' | 'postgres';
export type Db = Kysely<ServerSchema>;

export interface ServerDb {
  db: Db;
  backend: Backend;
  close(): Promise<void>;
}

export interface DbOptions {
  /** postgres://… ; wins over dbFile. */
  databaseUrl?: string;
  dbFile?: string;
  /** Where a lost PostgreSQL connection is reported (the server keeps running). */
  log?: (message: string) => void;
}

export const MIGRATION_TABLE = 'schema_migrations';

/** The shared order rule; gaps allowed (Kysely keys applied migrations by name, not by count). */
export function assertMigrationOrder(migrations: readonly ServerMigration[]): void {
  assertOrder(migrations, { contiguous: false });
}

class OrderedProvider implements MigrationProvider {
  constructor(
    private readonly migrations: readonly ServerMigration[],
    private readonly backend: Backend,
  ) {}
  getMigrations(): Promise<Record<string, Migration>> {
    // Kysely wraps all migrations in one transaction on PostgreSQL but not on SQLite (no
    // transactional DDL flag there, though SQLite has it): each step gets its own, so a backfill
    // and the triggers that keep it up to date commit together.
    const run = (m: ServerMigration) => (db: Kysely<unknown>) =>
      this.backend === 'sqlite' ? db.transaction().execute((trx) => m.up(trx, this.backend)) : m.up(db, this.backend);
    return Promise.resolve(Object.fromEntries(this.migrations.map((m) => [m.name, { up: run(m) }])));
  }
}

// pg returns bigint and numeric as strings; every such value here fits a JS number.
const toNumber = (value: string) => Number(value);
const PG_TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === 20 || oid === 1700
      ? toNumber
      : (pg.types.getTypeParser as (oid: number, format?: 'text' | 'binary') => unknown)(
          oid,
          format,
        )) as typeof pg.types.getTypeParser,
};

/**
 * Transactions start with BEGIN IMMEDIATE: they take the write lock first, so a writer that
 * meets another process's write (the CLI on the same file) waits on busy_timeout instead of
 * failing with SQLITE_BUSY when its read snapshot cannot be upgraded.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    driver.beginTransaction = async (connection: DatabaseConnection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    return driver;
  }
}

/** Distinct statements kept prepared; IN lists of varying length make variants, so the cache is bounded. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Prepares each SQL text once (Kysely's SQLite driver prepares on every query: on the live pages
 * that was about a tenth of a request's time). Statements run synchronously one at a time on the
 * one connection, so a cached statement is never in use twice at once.
 */
function withPreparedOnce(sqlite: ReturnType<typeof openSqliteFile>): SqliteDatabase {
  const cache = new Map<string, ReturnType<typeof sqlite.prepare>>();
  return {
    close: () => sqlite.close(),
    prepare: (text: string) => {
      let statement = cache.get(text);
      if (statement) {
        // Most recently used last, so the oldest goes first when the cache is full.
        cache.delete(text);
      } else {
        statement = sqlite.prepare(text);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      }
      cache.set(text, statement);
      return statement;
    },
  };
}

function openSqlite(file: string): Db {
  // busy_timeout lets the CLI and the server share the file.
  const sqlite = openSqliteFile(file, { busyTimeoutMs: 10_000, createDir: true });
  return new Kysely<ServerSchema>({ dialect: new ImmediateSqliteDialect({ database: withPreparedOnce(sqlite) }) });
}

function openPostgres(url: string, log: (message: string) => void): Db {
  const pool = new pg.Pool({ connectionString: url, max: 10, types: PG_TYPES });
  // A connection cut by a PostgreSQL restart or pg_terminate_backend must not crash the server.
  // Idle clients report on the pool; a checked-out client (between the statements of a
  // transaction) reports on itself, where an unhandled 'error' used to end the process
  // (issue 9 item 12). The request using it fails, and the pool drops it and opens a new one.
  const report = (error: Error) => log(`Mất kết nối tới PostgreSQL (${error.message}); sẽ tự kết nối lại.`);
  pool.on('error', report);
  pool.on('connect', (client) => client.on('error', report));
  return new Kysely<ServerSchema>({ dialect: new PostgresDialect({ pool }) });
}

/** Refuses a database that a newer server has migrated: its data would be misread. */
async function assertNotNewer(db: Db, migrations: readonly ServerMigration[]): Promise<void> {
  const tables = await db.introspection.getTables();
  if (!tables.some((t) => t.name === MIGRATION_TABLE)) return;
  const applied = await sql<{ name: string }>`SELECT name FROM ${sql.table(MIGRATION_TABLE)}`.execute(db);
  const known = new Set(migrations.map((m) => m.name));
  const unknown = applied.rows.map((r) => r.name).filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new DatabaseOpenError(
      `Cơ sở dữ liệu do một phiên bản máy chủ hailong mới hơn tạo ra (có thay đổi lược đồ ${unknown.join(', ')} ` +
        `mà phiên bản này không biết). Hãy cài phiên bản hailong mới hơn; dữ liệu không bị thay đổi.`,
    );
  }
}

export async function migrateServerDb(
  db: Db,
  backend: Backend,
  migrations: readonly ServerMigration[] = SERVER_MIGRATIONS,
) {
  assertMigrationOrder(migrations);
  await assertNotNewer(db, migrations);
  const migrator = new Migrator({
    db,
    provider: new OrderedProvider(migrations, backend),
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: `${MIGRATION_TABLE}_lock`,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? '?';
    throw new DatabaseOpenError(
      `Không nâng cấp được cơ sở dữ liệu (bước ${failed}): ${error instanceof Error ? error.message : JSON.stringify(error)}`,
      {
        cause: error,
      },
    );
  }
}

/** Opens SQLite (default) or PostgreSQL, with every migration applied. */
export async function openServerDb(options: DbOptions): Promise<ServerDb> {
  const backend: Backend = options.databaseUrl ? 'postgres' : 'sqlite';
  const log = options.log ?? ((message: string) => console.error(message));
  const db = options.databaseUrl
    ? openPostgres(options.databaseUrl, log)
    : openSqlite(options.dbFile ?? 'data/central.db');
  try {
    await migrateServerDb(db, backend);
  } catch (error) {
    await db.destroy();
    if (error instanceof DatabaseOpenError) throw error;
    throw new DatabaseOpenError(`Không mở được cơ sở dữ liệu: ${(error as Error).message}`, { cause: error });
  }
  return { db, backend, close: () => db.destroy() };
}
