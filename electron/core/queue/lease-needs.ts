import { leaseDays, needsMoreNumbers } from '../../../shared/domain/queue-leases.ts';
import type { NumberLeases } from './number-leases.ts';

/**
 * The services and days (today and tomorrow) for which this kiosk holds fewer than half a
 * block of leased numbers: what it asks the server for with the next sync.
 */
export function leaseNeeds(
  leases: NumberLeases,
  serviceIds: readonly string[],
  now: Date,
): Array<{ serviceId: string; day: string }> {
  const needs: Array<{ serviceId: string; day: string }> = [];
  const [today] = leaseDays(now);
  leases.dropBefore(today);
  for (const day of leaseDays(now)) {
    const remaining = leases.remaining(day);
    for (const serviceId of serviceIds) {
      if (needsMoreNumbers(remaining.get(serviceId) ?? 0)) needs.push({ serviceId, day });
    }
  }
  return needs;
}
