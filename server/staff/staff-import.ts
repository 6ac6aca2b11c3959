import { randomUUID } from 'node:crypto';
import type { StaffImportResult } from '../../shared/contract/server-api.ts';
import { PHU_LUC_2_COLUMNS } from '../../shared/domain/phu-luc-2.ts';
import { matchKey } from '../../shared/domain/text.ts';
import { bumpConfigVersion } from '../config/settings.ts';
import type { Db } from '../db/database.ts';
import { conflict, HttpError } from '../http-error.ts';
import { vietnamDay } from '../../shared/domain/vietnam-time.ts';
import { recordOfficerChange, startAssignment } from './officer-assignments.ts';
import type { Table } from './read-table.ts';
import { cleanCell, OFFICER_CODE_COLUMN, planImport, type PlannedRow, type SheetRow } from './staff-import-plan.ts';

const NAME_KEY = matchKey(PHU_LUC_2_COLUMNS.fullName);
const AGENCY_KEY = matchKey(PHU_LUC_2_COLUMNS.agency);
const CODE_KEY = matchKey(OFFICER_CODE_COLUMN);

/** Finds the header row anywhere in the sheet: a previous Phụ lục 2 has its title rows above. */
export function findHeader(table: Table): { row: number; nameCol: number; agencyCol: number; codeCol: number } | null {
  for (let r = 0; r < table.length; r += 1) {
    const keys = table[r]!.map((cell) => matchKey(cell));
    const nameCol = keys.indexOf(NAME_KEY);
    const agencyCol = keys.indexOf(AGENCY_KEY);
    if (nameCol !== -1 && agencyCol !== -1) return { row: r, nameCol, agencyCol, codeCol: keys.indexOf(CODE_KEY) };
  }
  return null;
}

/** What the admin decided about officers the sheet puts under another agency. */
export type MoveChoice = 'apply' | 'keep';

/**
 * Matches each row's agency by matchKey (NFC, case and spacing insensitive) and each officer by
 * code, else name and agency (see planImport). Unknown agencies are reported with their row and
 * never created. With dryRun nothing is written. A sheet that moves officers is applied only
 * with `moves` chosen: 'apply' moves them (with their assignment history), 'keep' leaves them
 * where they are; without a choice nothing is written (409).
 */
export async function importStaff(
  db: Db,
  table: Table,
  options: { dryRun: boolean; today?: string; moves?: MoveChoice },
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
    moved: 0,
    moves: [],
    unknownAgencies: [],
    skipped: [],
  };
  const work = async (trx: Db) => {
    const agencyRows = await trx.selectFrom('agencies').select(['id', 'name', 'name_key']).execute();
    const agencies = new Map(agencyRows.map((a) => [a.name_key, a.id]));
    const agencyName = new Map(agencyRows.map((a) => [a.id, a.name]));
    const rows: SheetRow[] = [];
    for (let r = header.row + 1; r < table.length; r += 1) {
      const cells = table[r]!;
      const name = cleanCell(cells[header.nameCol] ?? '');
      const agency = cleanCell(cells[header.agencyCol] ?? '');
      const code = header.codeCol === -1 ? '' : cleanCell(cells[header.codeCol] ?? '');
      const rowNumber = r + 1;
      if (name === '' && agency === '') continue;
      if (name === '') {
        result.skipped.push({ row: rowNumber, reason: 'Thiếu họ và tên.' });
        continue;
      }
      if (agency === '') {
        result.skipped.push({ row: rowNumber, reason: `Thiếu cơ quan, đơn vị của "${name}".` });
        continue;
      }
      const agencyId = agencies.get(matchKey(agency));
      if (!agencyId) {
        result.unknownAgencies.push({ row: rowNumber, name: agency });
        continue;
      }
      rows.push({ row: rowNumber, name, agencyId, code: code === '' ? null : code });
    }
    const officers = await trx
      .selectFrom('officers')
      .select(['id', 'full_name', 'name_key', 'agency_id', 'active', 'active_from', 'active_to', 'code'])
      .execute();
    const plan = planImport(
      rows,
      officers.map((o) => ({ ...o, code: o.code ?? null })),
    );
    for (const step of plan) {
      if (step.kind === 'skip') result.skipped.push({ row: step.row.row, reason: step.reason });
      if (step.kind === 'move') {
        result.moves.push({
          row: step.row.row,
          officerId: step.officer.id,
          fullName: step.row.name,
          code: step.row.code,
          fromAgencyName: agencyName.get(step.officer.agency_id) ?? step.officer.agency_id,
          toAgencyName: agencyName.get(step.row.agencyId) ?? step.row.agencyId,
        });
      }
    }
    result.skipped.sort((a, b) => a.row - b.row);
    if (!options.dryRun && result.moves.length > 0 && options.moves === undefined) {
      throw conflict(
        `Tệp chuyển ${result.moves.length} cán bộ sang cơ quan khác (${result.moves
          .slice(0, 3)
          .map((m) => `${m.fullName}: ${m.fromAgencyName} → ${m.toAgencyName}`)
          .join(
            '; ',
          )}${result.moves.length > 3 ? '; …' : ''}). Hãy xem trước, rồi chọn chuyển hay giữ cơ quan hiện tại. Chưa có gì thay đổi.`,
      );
    }
    const nextOrder = new Map<string, number>();
    for (const o of await trx.selectFrom('officers').select(['agency_id', 'sort_order']).execute()) {
      nextOrder.set(o.agency_id, Math.max(nextOrder.get(o.agency_id) ?? 0, o.sort_order));
    }
    const orderIn = (agencyId: string) => {
      const order = (nextOrder.get(agencyId) ?? 0) + 1;
      nextOrder.set(agencyId, order);
      return order;
    };
    let changed = false;
    for (const step of plan) {
      const done = await applyStep(trx, step, { ...options, today }, orderIn);
      if (done === 'created') result.created += 1;
      else if (done === 'updated') result.updated += 1;
      else if (done === 'moved') result.moved += 1;
      else if (done === 'unchanged') result.unchanged += 1;
      if (done === 'created' || done === 'updated' || done === 'moved') changed = true;
    }
    if (changed && !options.dryRun) await bumpConfigVersion(trx);
  };
  if (options.dryRun) await work(db);
  else await db.transaction().execute(work);
  return result;
}

type StepOutcome = 'created' | 'updated' | 'moved' | 'unchanged' | 'none';

/** Writes one planned row (nothing in a dry run) and says what it counted as. */
async function applyStep(
  trx: Db,
  step: PlannedRow,
  options: { dryRun: boolean; today: string; moves?: MoveChoice },
  orderIn: (agencyId: string) => number,
): Promise<StepOutcome> {
  switch (step.kind) {
    case 'skip':
      return 'none';
    case 'unchanged':
      return 'unchanged';
    case 'create': {
      if (options.dryRun) return 'created';
      const officer = {
        // A full UUID: eight hex digits collide within a few tens of thousands of ids.
        id: `cb-${randomUUID()}`,
        full_name: step.row.name,
        name_key: matchKey(step.row.name),
        agency_id: step.row.agencyId,
        sort_order: orderIn(step.row.agencyId),
        active: 1,
        active_from: null,
        active_to: null,
        pin_hash: null,
        code: step.row.code,
      };
      await trx.insertInto('officers').values(officer).execute();
      await startAssignment(trx, officer.id, officer);
      return 'created';
    }
    case 'update':
    case 'move': {
      const move = step.kind === 'move';
      // In a preview a move is listed, not counted; kept where it is, it is unchanged.
      if (move && (options.dryRun || options.moves !== 'apply')) return options.dryRun ? 'none' : 'unchanged';
      if (options.dryRun) return 'updated';
      const after = {
        ...step.officer,
        full_name: step.row.name,
        name_key: matchKey(step.row.name),
        agency_id: step.row.agencyId,
        active: 1,
        code: step.row.code ?? step.officer.code,
      };
      await trx
        .updateTable('officers')
        .set({
          full_name: after.full_name,
          name_key: after.name_key,
          agency_id: after.agency_id,
          active: 1,
          code: after.code,
          ...(move ? { sort_order: orderIn(after.agency_id) } : {}),
        })
        .where('id', '=', step.officer.id)
        .execute();
      await recordOfficerChange(trx, step.officer.id, step.officer, after, options.today);
      return move ? 'moved' : 'updated';
    }
  }
}
