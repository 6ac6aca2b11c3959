import type { Db } from '../db/database.ts';
import type { ServerSchema } from '../db/schema.ts';
import { AGGREGATES, type AggregateDefinition, type AggregateRow } from './definitions.ts';
import { addToAggregate, addToAggregates } from './upsert.ts';
import type { TicketsBefore } from '../sync/tickets-before.ts';

type RatingRow = ServerSchema['ratings'];
type ServedRow = ServerSchema['tickets_served'];
type QueueTicketRow = ServerSchema['queue_tickets'];

const CHUNK = 250;
function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

function definition(table: AggregateDefinition['table']): AggregateDefinition {
  const found = AGGREGATES.find((a) => a.table === table);
  if (!found) throw new Error(`No aggregate ${table}`);
  return found;
}

/** What one ingest transaction wrote to the base tables, and what was there before it. */
export interface StoredBatch {
  ratings: readonly RatingRow[];
  served: readonly ServedRow[];
  /** Ticket ids of `served` that already had a row in tickets_served before this batch. */
  servedBefore: ReadonlySet<string>;
  /**
   * The ratings stored before this batch for the tickets it names, and those tickets'
   * tickets_served rows (tickets-before.ts), when the caller has read them: spares reading them again.
   */
  before?: TicketsBefore;
}

/** Call before inserting the batch's tickets_served rows: which of its tickets were already served. */
export async function ticketsAlreadyServed(trx: Db, served: readonly ServedRow[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunks([...new Set(served.map((s) => s.ticket_id))])) {
    const rows = await trx.selectFrom('tickets_served').select('ticket_id').where('ticket_id', 'in', part).execute();
    for (const row of rows) found.add(row.ticket_id);
  }
  return found;
}

/**
 * Every aggregate, kept by this one function in the ingest transaction (after the batch's base
 * rows are inserted), so an acknowledged batch and its totals commit together on SQLite and
 * PostgreSQL alike. `definitions.ts` says what each must equal; reconcile checks it.
 */
export async function keepAggregates(trx: Db, batch: StoredBatch): Promise<void> {
  await addToAggregates(trx, [
    {
      definition: definition('rating_daily'),
      rows: batch.ratings.map((r) => ({
        key: { day: r.day, officer_id: r.officer_id, agency_id: r.agency_id, level: r.level, misuse: r.misuse },
        sums: { n: 1 },
      })),
    },
    {
      definition: definition('console_ticket_daily'),
      rows: batch.served.map((t) => ({
        key: { day: t.day, officer_id: t.officer_id, agency_id: t.agency_id },
        sums: { n: 1, wait_ms: t.called_ms - t.issued_ms, service_ms: t.finished_ms - t.started_ms },
      })),
    },
    { definition: definition('console_rating_ticket_daily'), rows: await newlyCountedRatings(trx, batch) },
    {
      definition: definition('counter_daily'),
      rows: [
        ...batch.served.map((t) => ({ key: { day: t.day, counter_id: t.counter_id }, sums: { served: 1, rated: 0 } })),
        ...batch.ratings
          .filter((r) => r.misuse === 0 && r.counter_id !== null)
          .map((r) => ({ key: { day: r.day, counter_id: r.counter_id! }, sums: { served: 0, rated: 1 } })),
      ],
    },
  ]);
}

/**
 * Counts the tickets the queue projection has just created (in its transaction), so the Today
 * page reads the day's issued tickets as a few running totals, not by counting the day.
 */
export async function keepIssued(trx: Db, created: readonly QueueTicketRow[]): Promise<void> {
  await addToAggregate(
    trx,
    definition('issued_daily'),
    created
      .filter((t) => t.transferred_from === null)
      .map((t) => ({
        key: {
          day: t.day,
          centre_id: t.centre_id,
          service_id: t.service_id,
          pinned_counter_id: t.pinned_counter_id ?? '',
        },
        sums: { n: 1 },
      })),
  );
}

const ratedKey = (r: Pick<RatingRow, 'day' | 'officer_id' | 'agency_id'>): AggregateRow => ({
  key: { day: r.day, officer_id: r.officer_id, agency_id: r.agency_id },
  sums: { n: 1 },
});

/**
 * A rating counts once its ticket is served, whichever arrives first: a rating of this batch
 * whose ticket is served now (earlier or in this batch), and a rating stored by an earlier
 * batch whose ticket is served for the first time in this one.
 */
async function newlyCountedRatings(trx: Db, batch: StoredBatch): Promise<AggregateRow[]> {
  const out: AggregateRow[] = [];
  const linked = batch.ratings.filter((r) => r.ticket_id !== null && r.misuse === 0);
  const firstServed = [...new Set(batch.served.map((t) => t.ticket_id))].filter((id) => !batch.servedBefore.has(id));
  const { before } = batch;
  if (before) {
    // Served now = served before this batch, or by it (its rows are inserted before this runs).
    const served = new Set([...before.served.keys(), ...batch.served.map((t) => t.ticket_id)]);
    for (const r of linked) if (served.has(r.ticket_id as string)) out.push(ratedKey(r));
    for (const id of firstServed) {
      for (const r of before.ratings.get(id) ?? []) {
        if (r.misuse === 0) out.push(ratedKey({ day: r.day, officer_id: r.officerId, agency_id: r.agencyId }));
      }
    }
    return out;
  }
  const served = new Set<string>();
  for (const part of chunks([...new Set(linked.map((r) => r.ticket_id as string))])) {
    const rows = await trx.selectFrom('tickets_served').select('ticket_id').where('ticket_id', 'in', part).execute();
    for (const row of rows) served.add(row.ticket_id);
  }
  for (const r of linked) if (served.has(r.ticket_id as string)) out.push(ratedKey(r));

  const inBatch = new Set(batch.ratings.map((r) => r.id));
  for (const part of chunks(firstServed)) {
    const earlier = await trx
      .selectFrom('ratings')
      .select(['id', 'day', 'officer_id', 'agency_id'])
      .where('ticket_id', 'in', part)
      .where('misuse', '=', 0)
      .execute();
    for (const r of earlier) if (!inBatch.has(r.id)) out.push(ratedKey(r));
  }
  return out;
}
