import type { ServerMigration } from './migration.ts';

/**
 * Whether a kiosk's disk was full at its last sync (issue 9 item 13): it then refuses new
 * records until space returns, and supervisors must see it. Nullable: kiosks that predate
 * the report, or whose disk is fine, send nothing.
 */
export const m0014DeviceStorage: ServerMigration = {
  name: '0014-device-storage',
  async up(db) {
    await db.schema.alterTable('devices').addColumn('storage_state', 'text').execute();
  },
};
