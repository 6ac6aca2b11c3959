import { sql } from 'kysely';
import { requestedCentreId, scopeOf } from '../auth/centre-scope.ts';
import type { AuthUser } from '../auth/guard.ts';
import { centreById, firstCentreId } from '../config/centres.ts';
import type { Db } from '../db/database.ts';
import { notFound } from '../http-error.ts';

/** The centre a report or console page is for; `first`: rows of officers no longer on record count there. */
export interface ReportCentre {
  id: number;
  code: string;
  name: string;
  first: boolean;
}

/** A table (or its alias in the query) whose rows carry an `officer_id` and a Vietnam `day`. */
export type OfficerDayTable =
  'rating_daily' | 'ratings' | 'r' | 'ts' | 'console_ticket_daily' | 'console_rating_ticket_daily';

/**
 * A row belongs to the centre where its officer worked on its day (officer_centres; an officer
 * without history: their current centre). An officer id with no officer row at all (deleted or
 * never configured) counts at the first centre, where a single-centre server had it. Each
 * EXISTS is one step of the officer_centres / officers index.
 */
export function officerDayAtCentre(table: OfficerDayTable, centre: ReportCentre) {
  const t = sql.raw(table);
  return sql<boolean>`(
    EXISTS (SELECT 1 FROM officer_centres oc WHERE oc.officer_id = ${t}.officer_id
      AND oc.centre_id = ${centre.id}
      AND (oc.from_day IS NULL OR oc.from_day <= ${t}.day)
      AND (oc.to_day IS NULL OR oc.to_day >= ${t}.day))
    OR (NOT EXISTS (SELECT 1 FROM officer_centres oc WHERE oc.officer_id = ${t}.officer_id)
      AND EXISTS (SELECT 1 FROM officers o WHERE o.id = ${t}.officer_id AND o.centre_id = ${centre.id}))
    OR (${centre.first ? 1 : 0} = 1 AND NOT EXISTS (SELECT 1 FROM officers o WHERE o.id = ${t}.officer_id))
  )`;
}

/** A centre as a report needs it; unknown id: 404. */
export async function reportCentre(db: Db, id: number): Promise<ReportCentre> {
  const centre = await centreById(db, id);
  if (!centre) throw notFound(`Không có trung tâm số ${id}.`);
  return { ...centre, first: centre.id === (await firstCentreId(db)) };
}

/**
 * The centre a read (console page, report) shows: a centre's user always their own; a province
 * admin the one named by `?centre=<code>` or `?centreId=`, else every centre (null). Another
 * centre named by a centre's user was already refused (checkCentreAccess).
 */
export async function readCentre(
  db: Db,
  user: Pick<AuthUser, 'centreId' | 'role'> | null,
  rawQuery: unknown,
): Promise<ReportCentre | null> {
  const query = rawQuery && typeof rawQuery === 'object' ? (rawQuery as Record<string, unknown>) : {};
  const id = scopeOf(user) ?? (await requestedCentreId(db, query, undefined));
  return id === undefined ? null : reportCentre(db, id);
}
