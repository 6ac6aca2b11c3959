import type { OfficerChoice } from '../../../shared/contract/kiosk-state.ts';
import type { Counter, RatingLevel, RatingReason } from '../../../shared/domain/config.ts';
import type { Db } from '../database.ts';

/** An officer as the kiosk stores it, with the PIN hash verified offline. */
export interface StoredOfficer {
  id: string;
  fullName: string;
  agencyId: string;
  agencyName: string;
  pinHash: string | null;
  active: boolean;
}

export interface OfficerInsert {
  id: string;
  fullName: string;
  agencyId: string;
  order: number;
  active: boolean;
  pinHash: string | null;
  photo: string | null;
}

/** The configuration tables: agencies, officers, counters and the rating scale. */
export interface ConfigTablesData {
  /** Empties counters and the rating scale (officers and agencies: `clearPeople`). */
  clearScale(): void;
  clearPeople(): void;
  /** Every stored officer's PIN hash, by officer id. */
  officerPins(): Map<string, string | null>;
  insertAgency(agency: { id: string; name: string; order: number; active: boolean }): void;
  insertOfficer(officer: OfficerInsert): void;
  insertCounter(counter: Counter): void;
  insertLevel(level: RatingLevel): void;
  insertReason(reason: RatingReason): void;
  counters(): Counter[];
  counter(id: string): Counter | null;
  ratingLevels(): RatingLevel[];
  ratingReasons(): RatingReason[];
  /** Active officers in Phụ lục 2 order: agency order, then order within the agency. */
  officerChoices(): OfficerChoice[];
  officer(id: string): StoredOfficer | null;
}

export function prepareConfigTables(db: Db): ConfigTablesData {
  const deleteLevels = db.prepare('DELETE FROM rating_levels');
  const deleteReasons = db.prepare('DELETE FROM rating_reasons');
  const deleteCounters = db.prepare('DELETE FROM counters');
  const deleteOfficers = db.prepare('DELETE FROM officers');
  const deleteAgencies = db.prepare('DELETE FROM agencies');
  const selectPins = db.prepare<[], { id: string; pin_hash: string | null }>('SELECT id, pin_hash FROM officers');
  const insertAgency = db.prepare<[string, string, number, number]>(
    'INSERT INTO agencies (id, name, sort_order, active) VALUES (?, ?, ?, ?)',
  );
  const insertOfficer = db.prepare<[string, string, string, number, number, string | null, string | null]>(
    'INSERT INTO officers (id, full_name, agency_id, sort_order, active, pin_hash, photo) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const insertCounter = db.prepare<[string, number, string]>('INSERT INTO counters (id, number, name) VALUES (?, ?, ?)');
  const insertLevel = db.prepare<[string, string, number, number]>(
    'INSERT INTO rating_levels (code, label, sort_order, low) VALUES (?, ?, ?, ?)',
  );
  const insertReason = db.prepare<[string, string, number]>(
    'INSERT INTO rating_reasons (code, label, sort_order) VALUES (?, ?, ?)',
  );
  const selectCounters = db.prepare<[], Counter>('SELECT id, number, name FROM counters ORDER BY number');
  const selectCounter = db.prepare<[string], Counter>('SELECT id, number, name FROM counters WHERE id = ?');
  const selectLevels = db.prepare<[], { code: string; label: string; order: number; low: number }>(
    'SELECT code, label, sort_order AS "order", low FROM rating_levels ORDER BY sort_order',
  );
  const selectReasons = db.prepare<[], RatingReason>(
    'SELECT code, label, sort_order AS "order" FROM rating_reasons ORDER BY sort_order',
  );
  const selectChoices = db.prepare<[], OfficerChoice>(
    `SELECT o.id, o.full_name AS fullName, a.name AS agencyName
       FROM officers o JOIN agencies a ON a.id = o.agency_id
      WHERE o.active = 1
      ORDER BY a.sort_order, o.sort_order, o.full_name`,
  );
  const selectOfficer = db.prepare<
    [string],
    { id: string; fullName: string; agencyId: string; agencyName: string; pinHash: string | null; active: number }
  >(
    `SELECT o.id, o.full_name AS fullName, o.agency_id AS agencyId, a.name AS agencyName,
            o.pin_hash AS pinHash, o.active
       FROM officers o JOIN agencies a ON a.id = o.agency_id WHERE o.id = ?`,
  );
  return {
    clearScale: () => {
      deleteLevels.run();
      deleteReasons.run();
      deleteCounters.run();
    },
    clearPeople: () => {
      deleteOfficers.run();
      deleteAgencies.run();
    },
    officerPins: () => new Map(selectPins.all().map((row) => [row.id, row.pin_hash])),
    insertAgency: (a) => void insertAgency.run(a.id, a.name, a.order, a.active ? 1 : 0),
    insertOfficer: (o) =>
      void insertOfficer.run(o.id, o.fullName, o.agencyId, o.order, o.active ? 1 : 0, o.pinHash, o.photo),
    insertCounter: (c) => void insertCounter.run(c.id, c.number, c.name),
    insertLevel: (l) => void insertLevel.run(l.code, l.label, l.order, l.low ? 1 : 0),
    insertReason: (r) => void insertReason.run(r.code, r.label, r.order),
    counters: () => selectCounters.all(),
    counter: (id) => selectCounter.get(id) ?? null,
    ratingLevels: () => selectLevels.all().map((row) => ({ ...row, low: row.low === 1 })),
    ratingReasons: () => selectReasons.all(),
    officerChoices: () => selectChoices.all(),
    officer: (id) => {
      const row = selectOfficer.get(id);
      return row ? { ...row, active: row.active === 1 } : null;
    },
  };
}
