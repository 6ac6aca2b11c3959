import type { Db } from '../db/database.ts';

/**
 * Records a new device: an enrolled kiosk, or the stand-in for a file import. Its sync state
 * (sequence numbers, clock offset, versions) starts empty and is filled by the first ingest.
 */
export async function insertDevice(
  db: Db,
  device: { id: string; name: string; tokenHash: string; createdAt: Date; centreId?: number },
): Promise<void> {
  await db
    .insertInto('devices')
    .values({
      id: device.id,
      name: device.name,
      token_hash: device.tokenHash,
      created_at: device.createdAt.toISOString(),
      revoked_at: null,
      last_sync_at: null,
      first_seq: null,
      clock_offset_ms: null,
      app_version: null,
      config_version: null,
      // Absent (a file import's stand-in): the column's default, the first centre.
      ...(device.centreId !== undefined ? { centre_id: device.centreId } : {}),
    })
    .execute();
}
