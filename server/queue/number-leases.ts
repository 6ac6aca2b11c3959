import type { SyncRejection } from '../../shared/contract/sync-protocol.ts';
import type { KioskEvent } from '../../shared/domain/events.ts';
import type { QueueService } from '../../shared/domain/queue-config.ts';
import {
  LEASE_BLOCK_SIZE,
  indexOfNumber,
  leaseDays,
  leaseHolds,
  mayGrantMore,
  nextBlock,
  type NumberLease,
} from '../../shared/domain/queue-leases.ts';
import { vietnamDay } from '../../shared/domain/vietnam-time.ts';
import { readQueueConfig } from '../config/config-repo.ts';
import type { Db } from '../db/database.ts';
import { deviceCentreId, type QueueDevice } from './device-centre.ts';

interface Candidate {
  event: KioskEvent;
  index: number;
  ms: number;
}

/**
 * Checks every `ticket.issued` of a batch: a number inside a block leased to ANOTHER device is
 * refused, and so is one of this device's blocks already used by another ticket. Returns the
 * accepted events' positions in the day's sequence (ticket id → index); refused events go to
 * `rejected`. A number no block covers (a kiosk from before leases) is accepted as before.
 * Blocks and numbers are the device's centre's: another centre's A-001 is no conflict.
 */
export async function checkIssuedNumbers<C extends Candidate>(
  trx: Db,
  { deviceId, centreId }: QueueDevice,
  fresh: readonly C[],
  rejected: SyncRejection[],
): Promise<{ kept: C[]; indexes: Map<string, number> }> {
  const indexes = new Map<string, number>();
  const issued = fresh.filter((c) => c.event.type === 'ticket.issued');
  if (issued.length === 0) return { kept: [...fresh], indexes };
  // The device's centre's services: a centre may have its own (issue 13 §1).
  const centreServices = (await readQueueConfig(trx, centreId)).services;
  const services = new Map<string, QueueService>(centreServices.map((s) => [s.id, s]));
  const days = [...new Set(issued.map((c) => vietnamDay(new Date(c.ms))))];
  const leases = await trx
    .selectFrom('number_leases')
    .selectAll()
    .where('centre_id', '=', centreId)
    .where('day', 'in', days)
    .execute();
  const usedInBatch = new Set<string>();
  const refused = new Set<C>();
  for (const candidate of issued) {
    const event = candidate.event;
    if (event.type !== 'ticket.issued') continue;
    const reject = (reason: string) => {
      rejected.push({ id: event.id, index: candidate.index, reason });
      refused.add(candidate);
    };
    const service = services.get(event.serviceId);
    // Tolerant of kiosks from before leases (and of services the server no longer lists): a number
    // no block covers is stored as before, without a place in the day's sequence.
    if (!service) continue;
    const day = vietnamDay(new Date(candidate.ms));
    const position = indexOfNumber(service, event.number);
    if (position === null) continue;
    const holder = leases.find(
      (l) =>
        l.service_id === service.id &&
        l.day === day &&
        leaseHolds({ firstIndex: l.first_index, count: l.count }, position),
    );
    if (!holder) continue;
    if (holder.device_id !== deviceId) {
      reject(`Số ${event.number} (${day}) thuộc khối số máy chủ đã cấp cho kiosk khác, không phải kiosk này.`);
      continue;
    }
    const key = `${service.id}|${day}|${position}`;
    const taken = await trx
      .selectFrom('queue_tickets')
      .select('ticket_id')
      .where('centre_id', '=', centreId)
      .where('service_id', '=', service.id)
      .where('day', '=', day)
      .where('day_index', '=', position)
      .executeTakeFirst();
    if (usedInBatch.has(key) || (taken && taken.ticket_id !== event.ticketId)) {
      reject(`Số ${event.number} của dịch vụ ${service.name} ngày ${day} đã được cấp cho phiếu khác.`);
      continue;
    }
    usedInBatch.add(key);
    indexes.set(event.ticketId, position);
  }
  return { kept: fresh.filter((c) => !refused.has(c)), indexes };
}

/**
 * Grants a device the blocks it asks for (today and tomorrow by the server's clock), one block
 * per ask, and only while what it holds is mostly used; returns every lease it holds from
 * today on. Blocks are cut from the device's centre's sequence only. Two devices asking at once may race for one block: the loser gets it next time.
 */
export async function grantLeases(
  db: Db,
  deviceId: string,
  needs: ReadonlyArray<{ serviceId: string; day: string }>,
  now: Date,
  block = LEASE_BLOCK_SIZE,
): Promise<NumberLease[]> {
  const days = leaseDays(now);
  const wanted = new Map<string, { serviceId: string; day: string }>();
  for (const need of needs) if (days.includes(need.day)) wanted.set(`${need.serviceId}|${need.day}`, need);
  if (wanted.size > 0) {
    const centreId = await deviceCentreId(db, deviceId);
    await db.transaction().execute(async (trx) => {
      const services = new Map((await readQueueConfig(trx, centreId)).services.map((s) => [s.id, s]));
      for (const { serviceId, day } of wanted.values()) {
        const service = services.get(serviceId);
        if (!service) continue;
        const all = await trx
          .selectFrom('number_leases')
          .select(['first_index', 'count', 'device_id'])
          .where('centre_id', '=', centreId)
          .where('service_id', '=', serviceId)
          .where('day', '=', day)
          .execute();
        const mine = all.filter((l) => l.device_id === deviceId).reduce((n, l) => n + l.count, 0);
        const used = await trx
          .selectFrom('queue_tickets')
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .where('issuing_device', '=', deviceId)
          .where('service_id', '=', serviceId)
          .where('day', '=', day)
          .where('day_index', 'is not', null)
          .executeTakeFirst();
        if (!mayGrantMore(mine, Number(used?.n ?? 0), block)) continue;
        const next = nextBlock(
          all.map((l) => ({ firstIndex: l.first_index, count: l.count })),
          service,
          block,
        );
        if (!next) continue;
        await trx
          .insertInto('number_leases')
          .values({
            centre_id: centreId,
            service_id: serviceId,
            day,
            first_index: next.firstIndex,
            count: next.count,
            device_id: deviceId,
            granted_at: now.toISOString(),
          })
          .onConflict((oc) => oc.columns(['centre_id', 'service_id', 'day', 'first_index']).doNothing())
          .execute();
      }
    });
  }
  const rows = await db
    .selectFrom('number_leases')
    .select(['service_id', 'day', 'first_index', 'count'])
    .where('device_id', '=', deviceId)
    .where('day', '>=', days[0])
    .orderBy('day')
    .orderBy('service_id')
    .orderBy('first_index')
    .execute();
  return rows.map((r) => ({ serviceId: r.service_id, day: r.day, firstIndex: r.first_index, count: r.count }));
}
