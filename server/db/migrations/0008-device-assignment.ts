import type { ServerMigration } from './migration.ts';

/**
 * What the console assigns each kiosk (issue 8 §1): its role, counter and printer, delivered
 * with every sync response; and the last sync the server refused (an unknown protocol), so
 * the Kiosks page can say why a kiosk has gone quiet. All nullable: not assigned yet.
 */
export const m0008DeviceAssignment: ServerMigration = {
  name: '0008-device-assignment',
  async up(db) {
    await db.schema.alterTable('devices').addColumn('role', 'text').execute();
    await db.schema.alterTable('devices').addColumn('counter_id', 'text').execute();
    await db.schema.alterTable('devices').addColumn('printer_url', 'text').execute();
    await db.schema.alterTable('devices').addColumn('printer_paper_width', 'integer').execute();
    await db.schema.alterTable('devices').addColumn('sync_refusal', 'text').execute();
    await db.schema.alterTable('devices').addColumn('sync_refusal_at', 'text').execute();
  },
};
