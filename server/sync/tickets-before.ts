import type { Db } from '../db/database.ts';

/** A ticket's finish as tickets_served holds it. */
export interface ServedBefore {
  counterId: string;
  officerId: string;
  finishedMs: number;
  dossierCode: string | null;
}

/** A rating stored for a ticket. */
export interface RatingBefore {
  id: string;
  day: string;
  officerId: string;
  agencyId: string;
  misuse: number;
}

/**
 * What the database held about the tickets a batch names, before the batch: read once per batch
 * in its transaction, for the plausibility checks, the dossier codes and the aggregates (each of
 * which read the same rows again before, ~8 round trips per sync).
 */
export interface TicketsBefore {
  served: Map<string, ServedBefore>;
  ratings: Map<string, RatingBefore[]>;
}

const CHUNK = 250;

export async function readTicketsBefore(trx: Db, ticketIds: ReadonlySet<string>): Promise<TicketsBefore> {
  const before: TicketsBefore = { served: new Map(), ratings: new Map() };
  const ids = [...ticketIds];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const part = ids.slice(i, i + CHUNK);
    const served = await trx
      .selectFrom('tickets_served')
      .select(['ticket_id', 'counter_id', 'officer_id', 'finished_ms', 'dossier_code'])
      .where('ticket_id', 'in', part)
      .execute();
    for (const row of served) {
      before.served.set(row.ticket_id, {
        counterId: row.counter_id,
        officerId: row.officer_id,
        finishedMs: row.finished_ms,
        dossierCode: row.dossier_code ?? null,
      });
    }
    const ratings = await trx
      .selectFrom('ratings')
      .select(['id', 'ticket_id', 'day', 'officer_id', 'agency_id', 'misuse'])
      .where('ticket_id', 'in', part)
      .execute();
    for (const row of ratings) {
      if (row.ticket_id === null) continue;
      const list = before.ratings.get(row.ticket_id) ?? [];
      list.push({ id: row.id, day: row.day, officerId: row.officer_id, agencyId: row.agency_id, misuse: row.misuse });
      before.ratings.set(row.ticket_id, list);
    }
  }
  return before;
}
