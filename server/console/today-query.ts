import { sql } from 'kysely';
import type { TodaySnapshot } from '../../shared/contract/console-api.ts';
import { vietnamDay } from '../../shared/domain/vietnam-time.ts';
import { listCounters, listLevels, listOfficers, readQueueConfig } from '../config/config-repo.ts';
import type { Db } from '../db/database.ts';
import { listCentres } from '../config/centres.ts';
import { buildToday, type ServiceCounter } from './today-model.ts';
import { dutyEndsAt } from '../../shared/domain/duty-limits.ts';
import { dutySettings, type DutySettings } from '../config/centre-secrets.ts';
import { deviceCountersOfDay, queueOfDay } from './today-queue-query.ts';
import { officerDayAtCentre, type ReportCentre } from '../reports/centre-filter.ts';

/**
 * The latest sign-in or sign-out per counter (or per kiosk). An officer replaced at a counter
 * gives two events with the same instant (signed_out of the old, signed_in of the new): the
 * kiosk's sequence number says which came last, and the event id (UUIDv7) settles the rest.
 */
export async function latestDuty(db: Db, by: 'counter_id' | 'device_id') {
  const ranked = db
    .selectFrom('duty_events as d')
    .leftJoin('events as e', 'e.id', 'd.event_id')
    .select([
      'd.counter_id',
      'd.device_id',
      'd.kind',
      'd.officer_id',
      'd.occurred_at',
      'd.occurred_ms',
      sql<number>`ROW_NUMBER() OVER (PARTITION BY ${sql.ref(`d.${by}`)} ORDER BY d.occurred_ms DESC, COALESCE(e.seq, 0) DESC, d.event_id DESC)`.as(
        'rank',
      ),
    ]);
  return db
    .selectFrom(ranked.as('r'))
    .select(['r.counter_id', 'r.device_id', 'r.kind', 'r.officer_id', 'r.occurred_at', 'r.occurred_ms'])
    .where('r.rank', '=', 1)
    .execute();
}

function dutyStillOpen(
  signIn: { officer_id: string; occurred_ms: number },
  duty: DutySettings,
  officers: ReadonlyArray<{ id: string; active: boolean }>,
  now: Date,
): boolean {
  if (!officers.some((o) => o.id === signIn.officer_id && o.active)) return false;
  return now.getTime() < dutyEndsAt(signIn.occurred_ms, duty.endOfDay);
}

/** What Today reads of one centre's settings: its services' counters and its duty limits. */
interface CentreToday {
  serviceCounter: ReadonlyMap<string, string>;
  duty: DutySettings;
}

/**
 * Each shown centre's services and duty limits (its own, else the province's), read once per
 * snapshot: per centre, not per counter, so a province-wide page costs a few reads per centre.
 */
async function centresToday(db: Db, centre: ReportCentre | null): Promise<Map<number, CentreToday>> {
  const ids = centre ? [centre.id] : (await listCentres(db)).map((c) => c.id);
  const read = async (id: number): Promise<[number, CentreToday]> => {
    const [queue, duty] = await Promise.all([readQueueConfig(db, id), dutySettings(db, id)]);
    return [id, { serviceCounter: new Map(queue.services.map((svc) => [svc.id, svc.counterId])), duty }];
  };
  return new Map(await Promise.all(ids.map(read)));
}

/**
 * A service's counter at a ticket's centre. A day's issued totals do not say their centre: the
 * shown centre's services decide, or with every centre the first centre listing the service.
 */
function serviceCounterOf(centres: ReadonlyMap<number, CentreToday>): ServiceCounter {
  return (serviceId, centreId) => {
    if (centreId !== null) return centres.get(centreId)?.serviceCounter.get(serviceId);
    for (const own of centres.values()) {
      const counterId = own.serviceCounter.get(serviceId);
      if (counterId !== undefined) return counterId;
    }
    return undefined;
  };
}

/**
 * The Today page of one centre (its counters, kiosks, and the ratings of the officers working
 * there today) or, with no centre, of every centre.
 */
export async function todaySnapshot(db: Db, now: Date, centre: ReportCentre | null = null): Promise<TodaySnapshot> {
  const day = vietnamDay(now);
  const [counters, officers, centres, levels, tickets] = await Promise.all([
    listCounters(db, centre?.id ?? null),
    listOfficers(db),
    centresToday(db, centre),
    listLevels(db),
    queueOfDay(db, day),
  ]);
  const [lastDuty, deviceDuty, deviceCalls] = await Promise.all([
    latestDuty(db, 'counter_id'),
    latestDuty(db, 'device_id'),
    deviceCountersOfDay(db, day, centre?.id ?? null),
  ]);
  // A counter's duty ends at its own centre's end of day. Only the page's counters are shown.
  const counterDuty = new Map(counters.map((c) => [c.id, centres.get(c.centreId)?.duty]));
  const deviceCounter = new Map(deviceDuty.map((d) => [d.device_id, d.counter_id]));
  // A kiosk's latest call today says best where it stands now.
  for (const [deviceId, counterId] of deviceCalls) deviceCounter.set(deviceId, counterId);
  let devicesQuery = db
    .selectFrom('devices')
    .select(['id', 'name', 'last_sync_at', 'revoked_at', 'printer_state', 'printer_message']);
  if (centre) devicesQuery = devicesQuery.where('centre_id', '=', centre.id);
  const devices = await devicesQuery.execute();
  // Running totals kept at ingest (counter_daily): a few rows, whatever the day's volume.
  const centreCounters = centre ? new Set(counters.map((c) => c.id)) : null;
  const counts = (
    await db.selectFrom('counter_daily').select(['counter_id', 'served', 'rated']).where('day', '=', day).execute()
  ).filter((r) => !centreCounters || centreCounters.has(r.counter_id));
  const served = counts.map((r) => ({ counter_id: r.counter_id, n: r.served }));
  const rated = counts.filter((r) => r.rated > 0).map((r) => ({ counter_id: r.counter_id, n: r.rated }));
  let dailyQuery = db
    .selectFrom('rating_daily')
    .select(['level', 'misuse', sql<number>`sum(n)`.as('n')])
    .where('day', '=', day);
  // Ratings count where their officer works today, as in the centre's Phụ lục 2.
  if (centre) dailyQuery = dailyQuery.where(officerDayAtCentre('rating_daily', centre));
  const daily = await dailyQuery.groupBy(['level', 'misuse']).execute();
  const ratingsByLevel = new Map<string, number>();
  let misuse = 0;
  for (const row of daily) {
    if (row.misuse !== 0) misuse += row.n;
    else ratingsByLevel.set(row.level, (ratingsByLevel.get(row.level) ?? 0) + row.n);
  }
  return buildToday({
    day,
    now,
    counters,
    serviceCounter: serviceCounterOf(centres),
    officers: new Map(officers.map((o) => [o.id, { fullName: o.fullName, agencyName: o.agencyName }])),
    lastDuty: lastDuty.flatMap((d) => {
      const duty = counterDuty.get(d.counter_id);
      if (!duty) return [];
      return [
        {
          counterId: d.counter_id,
          // A sign-in past the centre's end of day, or of an officer deactivated since, is over
          // even before the kiosk's own `officer.signed_out` arrives (it may be offline).
          kind: d.kind === 'signed_in' && !dutyStillOpen(d, duty, officers, now) ? ('signed_out' as const) : d.kind,
          officerId: d.officer_id,
          occurredAt: d.occurred_at,
        },
      ];
    }),
    queue: tickets,
    devices: devices.map((d) => ({
      id: d.id,
      name: d.name,
      lastSyncAt: d.last_sync_at,
      revoked: d.revoked_at !== null,
      printer: d.printer_state === null ? null : { state: d.printer_state, message: d.printer_message ?? '' },
    })),
    deviceCounter,
    servedByCounter: new Map(served.filter((r) => r.n > 0).map((r) => [r.counter_id, r.n])),
    ratingsByCounter: new Map(rated.map((r) => [r.counter_id, r.n])),
    levels: levels.map((l) => ({ code: l.code, label: l.label })),
    ratingsByLevel,
    misuse,
    served: served.reduce((sum, r) => sum + r.n, 0),
    ...(centreCounters ? { counterScope: centreCounters } : {}),
  });
}
