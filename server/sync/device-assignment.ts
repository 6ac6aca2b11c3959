import type { DeviceAssignment, KioskRole } from '../../shared/contract/provisioning.ts';
import type { Db } from '../db/database.ts';

/** A kiosk's role, counter and printer as the console set them (all null until it does). */
export function toAssignment(
  row: {
    role: KioskRole | null;
    counter_id: string | null;
    printer_url: string | null;
    printer_paper_width: number | null;
    rating_voice: number | null;
  } | null,
): DeviceAssignment {
  if (!row) return { role: null, counterId: null, printer: null, ratingVoice: null };
  const width = row.printer_paper_width === 58 ? 58 : 80;
  return {
    role: row.role,
    counterId: row.counter_id,
    printer: row.printer_url === null ? null : { url: row.printer_url, paperWidth: width },
    ratingVoice: row.rating_voice === null ? null : row.rating_voice === 1,
  };
}

/** Records why the server refused a device's sync, for the console's Kiosks page. */
export async function recordSyncRefusal(db: Db, deviceId: string, message: string, at: Date): Promise<void> {
  await db
    .updateTable('devices')
    .set({ sync_refusal: message.slice(0, 500), sync_refusal_at: at.toISOString() })
    .where('id', '=', deviceId)
    .execute();
}

/** The assignment and last refusal as GET /api/v1/devices lists them. */
export function deviceAssignmentSummary(row: {
  role: KioskRole | null;
  counter_id: string | null;
  printer_url: string | null;
  printer_paper_width: number | null;
  rating_voice: number | null;
  sync_refusal: string | null;
  sync_refusal_at: string | null;
}) {
  const assignment = toAssignment(row);
  return {
    role: assignment.role,
    counterId: assignment.counterId,
    assignedPrinter: assignment.printer,
    ratingVoice: assignment.ratingVoice ?? null,
    syncRefusal: row.sync_refusal === null ? null : { message: row.sync_refusal, at: row.sync_refusal_at ?? '' },
  };
}

/** A sync that went through clears the last refusal: the Kiosks page shows only what is current. */
export async function clearSyncRefusal(db: Db, deviceId: string): Promise<void> {
  await db
    .updateTable('devices')
    .set({ sync_refusal: null, sync_refusal_at: null })
    .where('id', '=', deviceId)
    .where('sync_refusal', 'is not', null)
    .execute();
}
