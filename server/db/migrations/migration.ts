import type { Kysely } from 'kysely';

/** One schema change, written with Kysely's schema builder so it runs on SQLite and PostgreSQL. */
export interface ServerMigration {
  /** `0001-description`: the four digits give the order. */
  name: string;
  up(db: Kysely<unknown>): Promise<void>;
}
