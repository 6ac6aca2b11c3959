import { randomUUID } from 'node:crypto';
import type { StaffImportResult } from '../../shared/contract/server-api.ts';
import { PHU_LUC_2_COLUMNS } from '../../shared/domain/phu-luc-2.ts';
import { matchKey, nfc } from '../../shared/domain/text.ts';
import { bumpConfigVersion } from '../config/settings.ts';
import type { Db } from '../db/database.ts';
import { HttpError } from '../http-error.ts';
import { vietnamDay } from '../../shared/domain/vietnam-time.ts';
import { recordOfficerChange, startAssignment } from './officer-assignments.ts';
import type { Table } from './read-table.ts';

const NAME_KEY = matchKey(PHU_LUC_2_COLUMNS.fullName);
const AGENCY_KEY = matchKey(PHU_LUC_2_COLUMNS.agency);

/** Finds the header row anywhere in the sheet: a previous Phụ lục 2 has its title rows above. */
export function findHeader(table: Table): { row: number; nameCol: number; agencyCol: number } | null {
  for (let r = 0; r < table.length; r += 1) {
    const keys = table[r]!.map((cell) => matchKey(cell));
    const nameCol = keys.indexOf(NAME_KEY);
    const agencyCol = keys.indexOf(AGENCY_KEY);
    if (nameCol !== -1 && agencyCol !== -1) return { row: r, nameCol, agencyCol };
  }
  return null;
}

const cleanName = (text: string) => nfc(text).replace(/\s+/g, ' ').trim();

/**
 * Matches each row's agency by matchKey (NFC, case and spacing insensitive); an officer is the
 * same person when name and agency match. Unknown agencies are reported with their row and
 * never created. With dryRun nothing is written.
 */
export async function importStaff(
  db: Db,
  table: Table,
  options: { dryRun: boolean; today?: string },
): Promise<StaffImportResult> {
  const today = options.today ?? vietnamDay(new Date());
  const header = findHeader(table);
  if (!header) {
    throw new HttpError(
      400,
      'no_header',
      `Không tìm thấy dòng tiêu đề có cột "${PHU_LUC_2_COLUMNS.fullName}" và "${PHU_LUC_2_COLUMNS.agency}".`,
    );
  }
  const result: StaffImportResult = {
    dryRun: options.dryRun,
    headerRow: header.row + 1,
    created: 0,
    updated: 0,
    unchanged: 0,
    unknownAgencies: [],
    skipped: [],
  };
  const work = async (trx: Db) => {
    const agencies = new Map(
      (await trx.selectFrom('agencies').select(['id', 'name_key']).execute()).map((a) => [a.name_key, a.id]),
    );
    const officers = await trx
      .selectFrom('officers')
      .select(['id', 'full_name', 'name_key', 'agency_id', 'active', 'active_from', 'active_to'])
      .execute();
    const byKey = new Map(officers.map((o) => [`${o.name_key}\u0000${o.agency_id}`, o]));
    const nextOrder = new Map<string, number>();
    for (const o of await trx.selectFrom('officers').select(['agency_id', 'sort_order']).execute()) {
      nextOrder.set(o.agency_id, Math.max(nextOrder.get(o.agency_id) ?? 0, o.sort_order));
    }
    let changed = false;
    for (let r = header.row + 1; r < table.length; r += 1) {
      const cells = table[r]!;
      const name = cleanName(cells[header.nameCol] ?? '');
      const agencyName = cleanName(cells[header.agencyCol] ?? '');
      const rowNumber = r + 1;
      if (name === '' && agencyName === '') continue;
      if (name === '') {
        result.skipped.push({ row: rowNumber, reason: 'Thiếu họ và tên.' });
        continue;
      }
      if (agencyName === '') {
        result.skipped.push({ row: rowNumber, reason: `Thiếu cơ quan, đơn vị của "${name}".` });
        continue;
      }
      const agencyId = agencies.get(matchKey(agencyName));
      if (!agencyId) {
        result.unknownAgencies.push({ row: rowNumber, name: agencyName });
        continue;
      }
      const key = `${matchKey(name)}\u0000${agencyId}`;
      const existing = byKey.get(key);
      if (existing) {
        if (existing.full_name !== name || existing.active !== 1) {
          if (!options.dryRun) {
            await trx
              .updateTable('officers')
              .set({ full_name: name, active: 1 })
              .where('id', '=', existing.id)
              .execute();
            await recordOfficerChange(trx, existing.id, existing, { ...existing, active: 1 }, today);
          }
          existing.full_name = name;
          existing.active = 1;
          result.updated += 1;
          changed = true;
        } else result.unchanged += 1;
        continue;
      }
      const order = (nextOrder.get(agencyId) ?? 0) + 1;
      nextOrder.set(agencyId, order);
      const officer = {
        // A full UUID: eight hex digits collide within a few tens of thousands of ids.
        id: `cb-${randomUUID()}`,
        full_name: name,
        name_key: matchKey(name),
        agency_id: agencyId,
        sort_order: order,
        active: 1,
        active_from: null,
        active_to: null,
        pin_hash: null,
      };
      if (!options.dryRun) {
        await trx.insertInto('officers').values(officer).execute();
        await startAssignment(trx, officer.id, officer);
      }
      byKey.set(key, officer);
      result.created += 1;
      changed = true;
    }
    if (changed && !options.dryRun) await bumpConfigVersion(trx);
  };
  if (options.dryRun) await work(db);
  else await db.transaction().execute(work);
  return result;
}
