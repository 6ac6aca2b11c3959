import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

/** Grouped counts as Phụ lục 2 reads them from the daily table. */
export interface AnnexCountRow {
  officer_id: string;
  agency_id: string;
  level: string;
  misuse: number;
  count: number;
}

/**
 * When the centre excludes phone ratings from Phụ lục 2 (queue option `phoneRatingsInAnnex`
 * false), their counts over [from, to] are taken off the daily table's. Phone ratings are a
 * small share and read from the base table, so the daily aggregate keeps one shape.
 */
export async function withoutPhoneRatings(
  db: Db,
  rows: readonly AnnexCountRow[],
  from: string,
  to: string,
): Promise<AnnexCountRow[]> {
  const phone = await db
    .selectFrom('ratings')
    .select(['officer_id', 'agency_id', 'level', 'misuse', sql<string | number>`count(*)`.as('count')])
    .where('channel', '=', 'phone')
    .where('day', '>=', from)
    .where('day', '<=', to)
    .groupBy(['officer_id', 'agency_id', 'level', 'misuse'])
    .execute();
  // count(*) comes back as a string from PostgreSQL's bigint.
  return minusPhone(
    rows,
    phone.map((r) => ({ ...r, count: Number(r.count) })),
  );
}

/** Phone counts taken off the counts of the same key; a key left with none is dropped. */
export function minusPhone(rows: readonly AnnexCountRow[], phone: readonly AnnexCountRow[]): AnnexCountRow[] {
  if (phone.length === 0) return [...rows];
  const key = (r: AnnexCountRow) => `${r.officer_id}\u0000${r.agency_id}\u0000${r.level}\u0000${r.misuse}`;
  const minus = new Map(phone.map((r) => [key(r), r.count]));
  return rows.map((r) => ({ ...r, count: r.count - (minus.get(key(r)) ?? 0) })).filter((r) => r.count > 0);
}
