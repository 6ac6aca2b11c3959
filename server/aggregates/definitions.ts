import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

/** One row of an aggregate: its key columns (text) and its summed columns (numbers). */
export interface AggregateRow {
  key: Record<string, string | number>;
  sums: Record<string, number>;
}

/**
 * An aggregate table the ingest keeps in the same transaction as its base rows
 * (server/aggregates/keep.ts), and how to count it again from the base rows alone, which is
 * what `hailong server reconcile` compares it with.
 */
export interface AggregateDefinition {
  table: 'rating_daily' | 'console_ticket_daily' | 'console_rating_ticket_daily' | 'counter_daily' | 'issued_daily';
  keys: readonly string[];
  sums: readonly string[];
  /** What the table must hold: one query over the base tables, portable SQLite/PostgreSQL SQL. */
  recountSql: string;
}

export const AGGREGATES: readonly AggregateDefinition[] = [
  {
    // The source of Phụ lục 2: every rating, misuse kept apart so reports can say how many were left out.
    table: 'rating_daily',
    keys: ['day', 'officer_id', 'agency_id', 'level', 'misuse'],
    sums: ['n'],
    recountSql: `SELECT day, officer_id, agency_id, level, misuse, count(*) AS n
      FROM ratings GROUP BY day, officer_id, agency_id, level, misuse`,
  },
  {
    // Every finish of a ticket, per Vietnam day of the finish (what the console and coverage read).
    table: 'console_ticket_daily',
    keys: ['day', 'officer_id', 'agency_id'],
    sums: ['n', 'wait_ms', 'service_ms'],
    recountSql: `SELECT day, officer_id, agency_id, count(*) AS n,
        sum(called_ms - issued_ms) AS wait_ms, sum(finished_ms - started_ms) AS service_ms
      FROM tickets_served GROUP BY day, officer_id, agency_id`,
  },
  {
    // Ratings (misuse left out) on a ticket that has been served, per Vietnam day of the rating.
    table: 'console_rating_ticket_daily',
    keys: ['day', 'officer_id', 'agency_id'],
    sums: ['n'],
    recountSql: `SELECT r.day, r.officer_id, r.agency_id, count(*) AS n FROM ratings r
      WHERE r.ticket_id IS NOT NULL AND r.misuse = 0
        AND EXISTS (SELECT 1 FROM tickets_served t WHERE t.ticket_id = r.ticket_id)
      GROUP BY r.day, r.officer_id, r.agency_id`,
  },
  {
    // The Today page's per-counter counts: every finish, and every rating with a counter (misuse left out).
    table: 'counter_daily',
    keys: ['day', 'counter_id'],
    sums: ['served', 'rated'],
    recountSql: `SELECT day, counter_id, sum(served) AS served, sum(rated) AS rated FROM (
        SELECT day, counter_id, 1 AS served, 0 AS rated FROM tickets_served
        UNION ALL
        SELECT day, counter_id, 0 AS served, 1 AS rated FROM ratings WHERE misuse = 0 AND counter_id IS NOT NULL
      ) x GROUP BY day, counter_id`,
  },
  {
    // Tickets issued per Vietnam day of issue, service and pinned counter ('' for none); a ticket
    // made by a transfer carries the citizen's number on and is not counted again.
    table: 'issued_daily',
    keys: ['day', 'centre_id', 'service_id', 'pinned_counter_id'],
    sums: ['n'],
    recountSql: `SELECT day, centre_id, service_id, COALESCE(pinned_counter_id, '') AS pinned_counter_id, count(*) AS n
      FROM queue_tickets WHERE transferred_from IS NULL
      GROUP BY day, centre_id, service_id, COALESCE(pinned_counter_id, '')`,
  },
];

function toRow(definition: AggregateDefinition, raw: Record<string, unknown>): AggregateRow {
  const key: Record<string, string | number> = {};
  // misuse and centre_id are numbers on both engines; the other keys are text.
  for (const column of definition.keys) {
    key[column] = column === 'misuse' || column === 'centre_id' ? Number(raw[column]) : String(raw[column]);
  }
  const sums: Record<string, number> = {};
  for (const column of definition.sums) sums[column] = Number(raw[column]);
  return { key, sums };
}

/** The aggregate counted from its base rows. */
export async function recount(db: Db, definition: AggregateDefinition): Promise<AggregateRow[]> {
  const result = await sql.raw<Record<string, unknown>>(definition.recountSql).execute(db);
  return result.rows.map((raw) => toRow(definition, raw));
}

/** The aggregate as stored. */
export async function readStored(db: Db, definition: AggregateDefinition): Promise<AggregateRow[]> {
  const columns = [...definition.keys, ...definition.sums].join(', ');
  const result = await sql.raw<Record<string, unknown>>(`SELECT ${columns} FROM ${definition.table}`).execute(db);
  return result.rows.map((raw) => toRow(definition, raw));
}
