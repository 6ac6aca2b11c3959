import type { Db } from '../database.ts';

export interface RatingWindowRow {
  ticket_id: string;
  number: string;
  until: string;
  dossier_code: string | null;
}

/** The `rating_windows` table (kiosk migration 0004): one open rating request per counter. */
export interface RatingWindowsData {
  at(counterId: string): RatingWindowRow | null;
  /** Opens (or replaces) the counter's window. */
  put(counterId: string, window: RatingWindowRow): void;
  remove(counterId: string): void;
  all(): { counter_id: string; ticket_id: string; until: string }[];
  untils(): string[];
}

export function prepareRatingWindows(db: Db): RatingWindowsData {
  const selectOne = db.prepare<[string], RatingWindowRow>(
    'SELECT ticket_id, number, until, dossier_code FROM rating_windows WHERE counter_id = ?',
  );
  const upsert = db.prepare<[string, string, string, string, string | null]>(
    `INSERT INTO rating_windows (counter_id, ticket_id, number, until, dossier_code) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (counter_id) DO UPDATE SET ticket_id = excluded.ticket_id, number = excluded.number,
       until = excluded.until, dossier_code = excluded.dossier_code`,
  );
  const remove = db.prepare<[string]>('DELETE FROM rating_windows WHERE counter_id = ?');
  const selectAll = db.prepare<[], { counter_id: string; ticket_id: string; until: string }>(
    'SELECT counter_id, ticket_id, until FROM rating_windows',
  );
  const selectUntils = db.prepare<[], { until: string }>('SELECT until FROM rating_windows');
  return {
    at: (counterId) => selectOne.get(counterId) ?? null,
    put: (counterId, w) => void upsert.run(counterId, w.ticket_id, w.number, w.until, w.dossier_code),
    remove: (counterId) => void remove.run(counterId),
    all: () => selectAll.all(),
    untils: () => selectUntils.all().map((row) => row.until),
  };
}
