import { PostgresAdapter, sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/database.ts';
import type { AggregateDefinition, AggregateRow } from './definitions.ts';

const CHUNK = 250;

/** Sums rows that share a key, and sorts by key so concurrent writers lock rows in one order (PostgreSQL). */
export function mergeByKey(rows: readonly AggregateRow[]): AggregateRow[] {
  const merged = new Map<string, AggregateRow>();
  for (const row of rows) {
    const id = JSON.stringify(Object.values(row.key));
    const found = merged.get(id);
    if (!found) {
      merged.set(id, { key: row.key, sums: { ...row.sums } });
      continue;
    }
    for (const [column, value] of Object.entries(row.sums)) found.sums[column] = (found.sums[column] ?? 0) + value;
  }
  return [...merged.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
}

/** The statements that add the rows' sums to one aggregate table, one per chunk of rows. */
function upserts(definition: AggregateDefinition, rows: readonly AggregateRow[]): RawBuilder<unknown>[] {
  const merged = mergeByKey(rows);
  const columns = [...definition.keys, ...definition.sums];
  const table = definition.table;
  const out: RawBuilder<unknown>[] = [];
  for (let i = 0; i < merged.length; i += CHUNK) {
    const values = merged
      .slice(i, i + CHUNK)
      .map((row) => sql`(${sql.join(columns.map((c) => (c in row.key ? row.key[c] : (row.sums[c] ?? 0))))})`);
    out.push(sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})
      VALUES ${sql.join(values)}
      ON CONFLICT (${sql.join(definition.keys.map((c) => sql.ref(c)))}) DO UPDATE SET ${sql.join(
        definition.sums.map((c) => sql`${sql.ref(c)} = ${sql.ref(`${table}.${c}`)} + ${sql.ref(`excluded.${c}`)}`),
      )}`);
  }
  return out;
}

/** Adds the rows' sums to the aggregate table (insert, or add to the row with the same key). */
export async function addToAggregate(
  trx: Db,
  definition: AggregateDefinition,
  rows: readonly AggregateRow[],
): Promise<void> {
  await addToAggregates(trx, [{ definition, rows }]);
}

/**
 * Several aggregates at once. On PostgreSQL in one statement (each upsert a data-modifying
 * WITH clause): a sync batch keeps four totals, and each round trip costs both processes a
 * system call or more. SQLite, in process, runs them one after the other.
 */
export async function addToAggregates(
  trx: Db,
  parts: ReadonlyArray<{ definition: AggregateDefinition; rows: readonly AggregateRow[] }>,
): Promise<void> {
  const statements = parts.flatMap(({ definition, rows }) => upserts(definition, rows));
  if (statements.length > 1 && trx.getExecutor().adapter instanceof PostgresAdapter) {
    const clauses = statements.map((statement, i) => sql`${sql.raw(`u${i}`)} AS (${statement})`);
    await sql`WITH ${sql.join(clauses)} SELECT 1`.execute(trx);
    return;
  }
  for (const statement of statements) await statement.execute(trx);
}
