import { matchKey, nfc } from '../../shared/domain/text.ts';

/** The optional column that identifies an officer whatever her name or agency (issue 9 item 10). */
export const OFFICER_CODE_COLUMN = 'Mã cán bộ';
const CODE_PATTERN = /^[\p{L}\p{N}._/-]{1,32}$/u;

export interface KnownOfficer {
  id: string;
  full_name: string;
  name_key: string;
  agency_id: string;
  active: number;
  active_from: string | null;
  active_to: string | null;
  code: string | null;
}

/** One sheet row, cleaned: NFC, spacing collapsed; code null when the column is absent or empty. */
export interface SheetRow {
  row: number;
  name: string;
  agencyId: string;
  code: string | null;
}

export type PlannedRow =
  | { kind: 'create'; row: SheetRow }
  | { kind: 'update'; row: SheetRow; officer: KnownOfficer }
  | { kind: 'unchanged'; row: SheetRow; officer: KnownOfficer }
  /** The officer exists under another agency: applied only when the admin confirms. */
  | { kind: 'move'; row: SheetRow; officer: KnownOfficer }
  | { kind: 'skip'; row: SheetRow; reason: string };

export const cleanCell = (text: string) => nfc(text).replace(/\s+/g, ' ').trim();

/** Why a code cell cannot be a code, or null. */
export function codeProblem(code: string): string | null {
  return CODE_PATTERN.test(code)
    ? null
    : `Mã cán bộ "${code.slice(0, 40)}" không hợp lệ: tối đa 32 ký tự chữ, số, ".", "-", "_" hoặc "/".`;
}

/**
 * Decides what each row does, without writing. Identity is the officer code when the row has
 * one; otherwise name + agency, and, failing that, the one officer of that name in another
 * agency (a move, shown as such and never applied silently). A row naming an officer also listed
 * in the same sheet under the officer's current agency is a past assignment (a previous Phụ
 * lục 2 lists an officer who moved under both agencies): nothing to do. Two rows that resolve
 * to one officer are refused from the second on: one name in one agency may be two people,
 * whom only a code tells apart.
 */
export function planImport(rows: readonly SheetRow[], officers: readonly KnownOfficer[]): PlannedRow[] {
  const byCode = new Map(officers.filter((o) => o.code !== null).map((o) => [o.code!, o]));
  const byName = new Map<string, KnownOfficer[]>();
  for (const o of officers) byName.set(o.name_key, [...(byName.get(o.name_key) ?? []), o]);
  const sheetPairs = new Set(rows.map((r) => `${matchKey(r.name)}\u0000${r.agencyId}`));
  const claimed = new Map<string, number>();
  const codesSeen = new Map<string, number>();
  const planned: PlannedRow[] = [];
  for (const row of rows) {
    const skip = (reason: string) => planned.push({ kind: 'skip', row, reason });
    if (row.code !== null) {
      const problem = codeProblem(row.code);
      if (problem) {
        skip(problem);
        continue;
      }
      const earlier = codesSeen.get(row.code);
      if (earlier !== undefined) {
        skip(`Mã cán bộ "${row.code}" đã có ở dòng ${earlier}.`);
        continue;
      }
      codesSeen.set(row.code, row.row);
    }
    const nameKey = matchKey(row.name);
    let officer = row.code !== null ? byCode.get(row.code) : undefined;
    if (!officer) {
      // An officer who already has another code is another person.
      const namesakes = (byName.get(nameKey) ?? []).filter((o) => row.code === null || o.code === null);
      officer = namesakes.find((o) => o.agency_id === row.agencyId);
      if (!officer) {
        const others = namesakes.filter((o) => o.agency_id !== row.agencyId);
        const listedAtHome = others.find((o) => sheetPairs.has(`${nameKey}\u0000${o.agency_id}`));
        if (listedAtHome) {
          // Listed again under her current agency: this row is history, not a move.
          planned.push({ kind: 'unchanged', row, officer: listedAtHome });
          continue;
        }
        const free = others.filter((o) => !claimed.has(o.id));
        if (free.length > 1) {
          skip(
            `Có ${free.length} cán bộ tên "${row.name}" ở các cơ quan khác; hãy thêm cột "${OFFICER_CODE_COLUMN}" để biết là ai.`,
          );
          continue;
        }
        officer = free[0];
      }
    }
    if (officer) {
      const first = claimed.get(officer.id);
      if (first !== undefined) {
        skip(
          `Trùng với dòng ${first} (cùng cán bộ). Nếu là hai người khác nhau, hãy ghi "${OFFICER_CODE_COLUMN}" cho từng người.`,
        );
        continue;
      }
      claimed.set(officer.id, row.row);
      if (officer.agency_id !== row.agencyId) planned.push({ kind: 'move', row, officer });
      else if (
        officer.full_name !== row.name ||
        officer.active !== 1 ||
        (row.code !== null && officer.code !== row.code)
      ) {
        planned.push({ kind: 'update', row, officer });
      } else planned.push({ kind: 'unchanged', row, officer });
      continue;
    }
    const namesakeHere = planned.find(
      (p) =>
        p.kind === 'create' &&
        p.row.code === null &&
        row.code === null &&
        matchKey(p.row.name) === nameKey &&
        p.row.agencyId === row.agencyId,
    );
    if (namesakeHere) {
      skip(
        `Trùng với dòng ${namesakeHere.row.row} (cùng họ tên và cơ quan). Nếu là hai người khác nhau, hãy ghi "${OFFICER_CODE_COLUMN}" cho từng người.`,
      );
      continue;
    }
    planned.push({ kind: 'create', row });
  }
  return planned;
}
