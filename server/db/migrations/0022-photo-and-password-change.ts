import type { ServerMigration } from './migration.ts';

/**
 * Issue 10: an officer's photo for the kiosk's idle screen (a `data:` URL, validated by its
 * magic bytes before it is stored), and an account that must choose its own password before it
 * may do anything else (created by an admin, or reset with `hailong server reset-password`).
 */
export const m0022PhotoAndPasswordChange: ServerMigration = {
  name: '0022-photo-and-password-change',
  async up(db) {
    await db.schema.alterTable('officers').addColumn('photo', 'text').execute();
    await db.schema
      .alterTable('users')
      .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  },
};
