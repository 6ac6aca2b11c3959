import type { Db } from '../database.ts';

/**
 * The SQL that runs below the tables: the schema version (PRAGMA user_version) the migrations
 * keep, and the WAL checkpoints. Usable before the schema exists, unlike `openKioskData`.
 */
export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Call inside the migration's transaction. */
export function setSchemaVersion(db: Db, version: number): void {
  db.pragma(`user_version = ${String(Math.trunc(version))}`);
}

export interface Checkpoints {
  /** Rows changed on this connection since it opened (a changed count means "not idle"). */
  totalChanges(): number;
  /** Moves WAL pages into the database; TRUNCATE also empties the WAL file. Returns the WAL's frames. */
  checkpoint(mode: 'PASSIVE' | 'TRUNCATE'): number;
}

export function prepareCheckpoints(db: Db, autoCheckpointPages: number): Checkpoints {
  db.pragma(`wal_autocheckpoint = ${String(Math.trunc(autoCheckpointPages))}`);
  const totalChanges = db.prepare<[], number>('SELECT total_changes()').pluck();
  return {
    totalChanges: () => totalChanges.get()!,
    checkpoint: (mode) => {
      const [result] = db.pragma(`wal_checkpoint(${mode})`) as { log: number }[];
      return result?.log ?? 0;
    },
  };
}
