import type { OfficerOnDuty } from '../../../shared/contract/kiosk-state.ts';
import type { Db } from '../database.ts';

export interface DutyRow {
  counter_id: string;
  officer_id: string;
  agency_id: string;
  signed_in_at: string;
  last_active_at: string | null;
}

/** The `duty` table: who is signed in at which counter. */
export interface DutyData {
  /** The officer signed in at a counter, with the officer's agency now (not at sign-in). */
  onDuty(counterId: string): OfficerOnDuty | null;
  atCounter(counterId: string): DutyRow | null;
  /** The sign-ins a new one at `counterId` by `officerId` displaces. */
  displacedBy(counterId: string, officerId: string): DutyRow[];
  all(): DutyRow[];
  /** Sign-ins of officers no longer active in the configuration. */
  ofInactiveOfficers(): DutyRow[];
  insert(counterId: string, officerId: string, agencyId: string, signedInAt: string): void;
  touch(counterId: string, at: string): void;
  remove(counterId: string): void;
  removeInactiveOfficers(): void;
}

export function prepareDuty(db: Db): DutyData {
  // The officer's agency now, not at sign-in: a rating goes to the agency of the moment.
  const selectOnDuty = db.prepare<[string], OfficerOnDuty>(
    `SELECT d.officer_id AS id, o.full_name AS fullName, o.agency_id AS agencyId, a.name AS agencyName,
            d.signed_in_at AS signedInAt, o.photo
       FROM duty d JOIN officers o ON o.id = d.officer_id JOIN agencies a ON a.id = o.agency_id
      WHERE d.counter_id = ?`,
  );
  const selectAtCounter = db.prepare<[string], DutyRow>('SELECT * FROM duty WHERE counter_id = ?');
  const selectDisplaced = db.prepare<[string, string], DutyRow>(
    'SELECT * FROM duty WHERE counter_id = ? OR officer_id = ?',
  );
  const selectAll = db.prepare<[], DutyRow>('SELECT * FROM duty');
  const inactive = 'officer_id NOT IN (SELECT id FROM officers WHERE active = 1)';
  const selectInactive = db.prepare<[], DutyRow>(`SELECT * FROM duty WHERE ${inactive}`);
  const insert = db.prepare<[string, string, string, string]>(
    'INSERT INTO duty (counter_id, officer_id, agency_id, signed_in_at) VALUES (?, ?, ?, ?)',
  );
  const touch = db.prepare<[string, string]>('UPDATE duty SET last_active_at = ? WHERE counter_id = ?');
  const remove = db.prepare<[string]>('DELETE FROM duty WHERE counter_id = ?');
  const removeInactive = db.prepare(`DELETE FROM duty WHERE ${inactive}`);
  return {
    onDuty: (counterId) => selectOnDuty.get(counterId) ?? null,
    atCounter: (counterId) => selectAtCounter.get(counterId) ?? null,
    displacedBy: (counterId, officerId) => selectDisplaced.all(counterId, officerId),
    all: () => selectAll.all(),
    ofInactiveOfficers: () => selectInactive.all(),
    insert: (counterId, officerId, agencyId, signedInAt) => void insert.run(counterId, officerId, agencyId, signedInAt),
    touch: (counterId, at) => void touch.run(at, counterId),
    remove: (counterId) => void remove.run(counterId),
    removeInactiveOfficers: () => void removeInactive.run(),
  };
}
