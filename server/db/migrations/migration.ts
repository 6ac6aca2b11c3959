import type { Kysely } from 'kysely';

/** Which engine a migration runs on: triggers and a few statements differ by dialect. */
export type MigrationBackend = 'sqlite' | 'postgres';

/** One schema change, written with Kysely's schema builder so it runs on SQLite and PostgreSQL. */
export interface ServerMigration {
  /** `0001-description`: the four digits give the order. */
  name: string;
  up(db: Kysely<unknown>, backend: MigrationBackend): Promise<void>;
}
