import { sql } from 'kysely';
import { rebuildRatedTickets } from './0002-console-aggregates.ts';
import type { ServerMigration } from './migration.ts';

/**
 * One rating per ticket, enforced by the database. Ratings already stored twice for a ticket are
 * never deleted (they still count in Phụ lục 2): the later ones lose their ticket link here, so
 * coverage counts the ticket once; their events keep the original ticket id.
 */
export const m0004OneRatingPerTicket: ServerMigration = {
  name: '0004-one-rating-per-ticket',
  async up(db) {
    await sql
      .raw(
        `UPDATE ratings SET ticket_id = NULL
         WHERE ticket_id IS NOT NULL AND EXISTS (
           SELECT 1 FROM ratings o WHERE o.ticket_id = ratings.ticket_id
             AND (o.occurred_ms < ratings.occurred_ms OR (o.occurred_ms = ratings.occurred_ms AND o.id < ratings.id)))`,
      )
      .execute(db);
    await rebuildRatedTickets(db);
    await db.schema
      .createIndex('ratings_one_per_ticket')
      .unique()
      .on('ratings')
      .column('ticket_id')
      .where(sql.ref('ticket_id'), 'is not', null)
      .execute();
  },
};
