import { readReportFraming, type ReportFraming } from '../../shared/domain/report-framing.ts';
import { readLevelled, writeLevelled, type LevelledValue, type SettingLevel } from '../config/centre-settings.ts';
import type { Db } from '../db/database.ts';

/**
 * The annex framing and the per-period `Ghi chú` of Phụ lục 2 (issue 10): report settings a
 * supervisor edits in the console. Neither goes to kiosks, so no config version bump.
 */
export const FRAMING_KEY = 'report.framing';

/** A centre's framing (its report's title lines, signer), else the province's (null: the province's). */
export async function framingAt(db: Db, level: SettingLevel): Promise<LevelledValue<ReportFraming>> {
  const { value: stored, source } = await readLevelled(db, FRAMING_KEY, level);
  let parsed: unknown = null;
  try {
    parsed = stored === null ? null : JSON.parse(stored);
  } catch {
    parsed = null; // a hand-broken value reads as the defaults
  }
  return { value: readReportFraming(parsed), source: parsed === null ? 'default' : source };
}

export async function readFraming(db: Db, level: SettingLevel = null): Promise<ReportFraming> {
  return (await framingAt(db, level)).value;
}

export async function saveFraming(db: Db, framing: ReportFraming, level: SettingLevel = null): Promise<void> {
  await writeLevelled(db, FRAMING_KEY, JSON.stringify(framing), level);
}

export interface ReportNote {
  officerId: string;
  agencyId: string;
  note: string;
}

export async function readNotes(db: Db, from: string, to: string): Promise<ReportNote[]> {
  const rows = await db
    .selectFrom('report_notes')
    .select(['officer_id', 'agency_id', 'note'])
    .where('from_day', '=', from)
    .where('to_day', '=', to)
    .execute();
  return rows.map((r) => ({ officerId: r.officer_id, agencyId: r.agency_id, note: r.note }));
}

/** An empty note removes the row's note for that period. */
export async function saveNote(
  db: Db,
  input: ReportNote & { from: string; to: string; updatedBy: string; updatedAt: string },
): Promise<void> {
  const key = { officer_id: input.officerId, agency_id: input.agencyId, from_day: input.from, to_day: input.to };
  if (input.note === '') {
    await db
      .deleteFrom('report_notes')
      .where('officer_id', '=', key.officer_id)
      .where('agency_id', '=', key.agency_id)
      .where('from_day', '=', key.from_day)
      .where('to_day', '=', key.to_day)
      .execute();
    return;
  }
  await db
    .insertInto('report_notes')
    .values({ ...key, note: input.note, updated_by: input.updatedBy, updated_at: input.updatedAt })
    .onConflict((oc) =>
      oc
        .columns(['officer_id', 'agency_id', 'from_day', 'to_day'])
        .doUpdateSet({ note: input.note, updated_by: input.updatedBy, updated_at: input.updatedAt }),
    )
    .execute();
}
