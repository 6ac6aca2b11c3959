import { sql } from 'kysely';
import type { Backend, Db } from '../db/database.ts';
import { AGGREGATES, readStored, recount, type AggregateDefinition, type AggregateRow } from './definitions.ts';
import { addToAggregate } from './upsert.ts';

/** One aggregate row whose stored sums differ from the sums counted from the base rows. */
export interface AggregateDifference {
  table: AggregateDefinition['table'];
  key: Record<string, string | number>;
  /** Column → [stored, counted]; a row missing on one side counts as zeros there. */
  columns: Record<string, [number, number]>;
}

export interface ReconcileResult {
  differences: AggregateDifference[];
  fixed: boolean;
}

function differencesOf(
  definition: AggregateDefinition,
  stored: AggregateRow[],
  counted: AggregateRow[],
): AggregateDifference[] {
  const id = (row: AggregateRow) => JSON.stringify(definition.keys.map((k) => row.key[k]));
  const storedById = new Map(stored.map((row) => [id(row), row]));
  const countedById = new Map(counted.map((row) => [id(row), row]));
  const out: AggregateDifference[] = [];
  for (const key of [...new Set([...storedById.keys(), ...countedById.keys()])].sort()) {
    const a = storedById.get(key);
    const b = countedById.get(key);
    const columns: Record<string, [number, number]> = {};
    for (const column of definition.sums) {
      const s = a?.sums[column] ?? 0;
      const c = b?.sums[column] ?? 0;
      if (s !== c) columns[column] = [s, c];
    }
    // A stored row of zeros equals a missing one: nothing a report would show differently.
    if (Object.keys(columns).length > 0) out.push({ table: definition.table, key: (a ?? b)!.key, columns });
  }
  return out;
}

/**
 * Counts every aggregate again from the base rows and lists where the stored one differs.
 * With `fix`, the differing tables are replaced by the counted rows in one transaction that
 * holds the base and aggregate tables still, so an ingest running meanwhile waits, then adds
 * its own rows on top of the corrected totals.
 */
export async function reconcileAggregates(db: Db, backend: Backend, fix: boolean): Promise<ReconcileResult> {
  return db.transaction().execute(async (trx) => {
    if (backend === 'postgres' && fix) {
      // Base tables first, in the ingest's own order of writing, so the two cannot deadlock.
      await sql
        .raw(
          'LOCK TABLE ratings, tickets_served, rating_daily, console_ticket_daily, console_rating_ticket_daily, counter_daily, queue_tickets, issued_daily IN SHARE ROW EXCLUSIVE MODE',
        )
        .execute(trx);
    }
    const differences: AggregateDifference[] = [];
    for (const definition of AGGREGATES) {
      const counted = await recount(trx, definition);
      const found = differencesOf(definition, await readStored(trx, definition), counted);
      differences.push(...found);
      if (fix && found.length > 0) {
        await sql`DELETE FROM ${sql.table(definition.table)}`.execute(trx);
        await addToAggregate(trx, definition, counted);
      }
    }
    return { differences, fixed: fix && differences.length > 0 };
  });
}

/** One line per difference, in Vietnamese, for the command line. */
export function describeDifference(d: AggregateDifference): string {
  const key = Object.values(d.key).join(' · ');
  const columns = Object.entries(d.columns)
    .map(([column, [stored, counted]]) => `${column}: đang lưu ${stored}, đếm lại ${counted}`)
    .join('; ');
  return `${d.table} [${key}] ${columns}`;
}
