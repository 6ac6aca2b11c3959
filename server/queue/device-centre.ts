import type { Db } from '../db/database.ts';
import { firstCentreId } from '../config/centres.ts';

/**
 * The centre whose queue a device works in (issue 13 §1): the one it was enrolled at or moved
 * to. A device id the server does not hold (a file import's stand-in) counts at the first centre.
 */
export async function deviceCentreId(db: Db, deviceId: string): Promise<number> {
  const row = await db.selectFrom('devices').select('centre_id').where('id', '=', deviceId).executeTakeFirst();
  return row ? row.centre_id : firstCentreId(db);
}

/** The device whose batch is being stored, with its centre (read once per batch). */
export interface QueueDevice {
  deviceId: string;
  centreId: number;
}
