import type { ServerMigration } from './migration.ts';

/**
 * What each kiosk last reported about itself with a sync (issue 5): its printer and how many
 * events wait in its outbox. `app_version` already exists since 0001. All nullable: kiosks
 * from before this report nothing.
 */
export const m0007DeviceStatus: ServerMigration = {
  name: '0007-device-status',
  async up(db) {
    await db.schema.alterTable('devices').addColumn('printer_state', 'text').execute();
    await db.schema.alterTable('devices').addColumn('printer_message', 'text').execute();
    await db.schema.alterTable('devices').addColumn('pending_events', 'integer').execute();
    await db.schema.alterTable('devices').addColumn('status_at', 'text').execute();
  },
};
