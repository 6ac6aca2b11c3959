import type { LiveAlertSettings } from '../../shared/contract/centre-settings.ts';
import type { ServerContext } from '../context.ts';
import type { IngestedBatch } from '../console/live-events.ts';
import { counterLowRatings, officerLowCoverage, type AlertCandidate } from './live-alert-rules.ts';
import { raiseAlert } from './live-alert-store.ts';
import { centreOfBatch } from '../console/centre-hubs.ts';
import { firstCentreId } from '../config/centres.ts';

/** The counters and officers a sync batch brought new evidence about. */
export function touchedBy(batch: IngestedBatch): { counterIds: Set<string>; officerIds: Set<string> } {
  const counterIds = new Set<string>();
  const officerIds = new Set<string>();
  for (const event of batch.events) {
    if (event.type === 'rating.submitted') {
      if (event.counterId && !event.misuse) counterIds.add(event.counterId);
      if (event.ticketId) officerIds.add(event.officerId);
    } else if (event.type === 'ticket.finished') {
      officerIds.add(event.officerId);
    }
  }
  return { counterIds, officerIds };
}

/**
 * Runs the alert rules for what one committed sync batch touched and stores what they find.
 * Returns the ids of the alerts raised now and their centre.
 */
export async function evaluateBatch(
  server: Pick<ServerContext, 'db' | 'now'>,
  settings: LiveAlertSettings,
  batch: IngestedBatch,
): Promise<string[]> {
  const { counterIds, officerIds } = touchedBy(batch);
  if (counterIds.size === 0 && officerIds.size === 0) return [];
  const now = server.now();
  const candidates: AlertCandidate[] = [];
  for (const counterId of counterIds) {
    const found = await counterLowRatings(server.db, settings, counterId, now);
    if (found) candidates.push(found);
  }
  for (const officerId of officerIds) {
    const found = await officerLowCoverage(server.db, settings, officerId, now);
    if (found) candidates.push(found);
  }
  if (candidates.length === 0) return [];
  // The alert belongs to the centre of the kiosk whose sync brought the evidence.
  const centreId = (await centreOfBatch(server, batch)) ?? (await firstCentreId(server.db));
  const raised: string[] = [];
  for (const candidate of candidates) {
    const id = await raiseAlert(server.db, candidate, now, centreId);
    if (id) raised.push(id);
  }
  return raised;
}
