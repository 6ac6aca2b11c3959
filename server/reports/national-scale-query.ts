import { NationalScaleMapSchema, type NationalScaleMap } from '../../shared/contract/centre-settings.ts';
import { buildNationalReport, type NationalReport } from '../../shared/domain/national-scale.ts';
import { listAllLevels } from '../config/config-repo.ts';
import { getSetting } from '../config/settings.ts';
import type { Db } from '../db/database.ts';
import type { ReportCentre } from './centre-filter.ts';
import { phuLuc2Report } from './phu-luc-2-query.ts';

export const NATIONAL_MAP_KEY = 'report.national-scale';

/** The centre's mapping; an empty one means the default (best → Rất hài lòng, low → Không hài lòng). */
export async function readNationalMap(db: Db): Promise<NationalScaleMap> {
  const stored = await getSetting(db, NATIONAL_MAP_KEY);
  if (!stored) return {};
  const parsed = NationalScaleMapSchema.safeParse(JSON.parse(stored));
  return parsed.success ? parsed.data : {};
}

/** Three-level counts, satisfied share and index per officer, agency and centre, from Phụ lục 2's rows. */
export async function nationalReport(
  db: Db,
  from: string,
  to: string,
  now: Date,
  centre: ReportCentre | null = null,
): Promise<NationalReport> {
  const phuLuc2 = await phuLuc2Report(db, from, to, now, centre ? { centre } : {});
  const low = new Set((await listAllLevels(db)).filter((l) => l.low).map((l) => l.code));
  return buildNationalReport(phuLuc2, low, await readNationalMap(db));
}
