import type { ServerMigration } from './migration.ts';

/**
 * Rate later from the phone (issue 11 §3): the ticket's rating token (from `ticket.issued`,
 * unique, absent for older kiosks) on the queue projection, and each rating's channel.
 */
export const m0015PhoneRating: ServerMigration = {
  name: '0015-phone-rating',
  async up(db) {
    await db.schema.alterTable('queue_tickets').addColumn('rating_token', 'text').execute();
    await db.schema
      .createIndex('queue_tickets_rating_token')
      .unique()
      .on('queue_tickets')
      .column('rating_token')
      .execute();
    await db.schema
      .alterTable('ratings')
      .addColumn('channel', 'text', (c) => c.notNull().defaultTo('kiosk'))
      .execute();
  },
};
