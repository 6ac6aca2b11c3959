import type { KioskEvent } from '../../shared/domain/events.ts';
import { vietnamDay } from '../../shared/domain/vietnam-time.ts';
import type { Db } from '../db/database.ts';
import type { ServerSchema } from '../db/schema.ts';
import type { QueueDevice } from './device-centre.ts';

const CHUNK = 200;

/**
 * Writes each call and recall of a stored batch to `queue_calls`, inside the ingest
 * transaction: the board and the Today page then cost what changed, not the day so far.
 */
export async function recordCalls(
  trx: Db,
  { deviceId, centreId }: QueueDevice,
  stored: ReadonlyArray<{ event: KioskEvent; ms: number }>,
): Promise<void> {
  const rows: ServerSchema['queue_calls'][] = [];
  for (const { event, ms } of stored) {
    if (event.type !== 'ticket.called' && event.type !== 'ticket.recalled') continue;
    rows.push({
      event_id: event.id,
      centre_id: centreId,
      day: vietnamDay(new Date(ms)),
      ticket_id: event.ticketId,
      counter_id: event.counterId,
      device_id: deviceId,
      kind: event.type === 'ticket.called' ? 'called' : 'recalled',
      called_at: event.occurredAt,
      called_ms: ms,
    });
  }
  for (let i = 0; i < rows.length; i += CHUNK) {
    await trx
      .insertInto('queue_calls')
      .values(rows.slice(i, i + CHUNK))
      .onConflict((oc) => oc.column('event_id').doNothing())
      .execute();
  }
}
