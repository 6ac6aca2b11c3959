import type BetterSqlite3 from 'better-sqlite3';

export interface Migration {
  /** PRAGMA user_version after this migration has run. */
  version: number;
  /** The file name without extension, e.g. `0001-initial`. */
  name: string;
  up(db: BetterSqlite3.Database): void;
}
