import { v7 as uuidv7 } from 'uuid';
import { DEMO_CONFIG } from '../../shared/domain/demo-config.ts';
import { DEMO_QUEUE_CONFIG } from '../../shared/domain/queue-config.ts';
import { toVietnamIso, vietnamDay } from '../../shared/domain/vietnam-time.ts';
import { getSetting, setSetting } from '../config/settings.ts';
import type { Db } from '../db/database.ts';
import { ingestEvents } from '../sync/ingest.ts';
import { seeded } from '../../shared/domain/seeded-random.ts';

/**
 * `npm start`'s past: a few weeks of plausible work at the demo centre, so Ratings, Alerts,
 * Reports (Phụ lục 2, coverage, the funnel) show something on a first visit. Clearly demo data:
 * it comes from a device named "Dữ liệu mẫu", which can never sync. The events go through the
 * one ingest path, so every total is what a real kiosk's events would give. Deterministic: the
 * same seed and the same day give the same history.
 */
export const DEMO_HISTORY_DEVICE_ID = 'du-lieu-mau';
export const DEMO_HISTORY_DEVICE_NAME = 'Dữ liệu mẫu (lịch sử demo, không phải kiosk thật)';
const SETTING = 'demo.history';
const DAY_MS = 86_400_000;
const VN_OFFSET_MS = 7 * 3_600_000;
/** Levels best first, weighted as a centre that mostly satisfies its citizens. */
const LEVEL_WEIGHTS: ReadonlyArray<readonly [string, number]> = [
  ['tot', 0.62],
  ['kha', 0.22],
  ['trung_binh', 0.1],
  ['kem', 0.06],
];
const LOW_REASONS = ['cho_lau', 'thai_do', 'huong_dan'];

export interface DemoHistoryOptions {
  weeks?: number;
  seed?: number;
}

/** Midnight (Vietnam time) of each working day in the `weeks` before `now`'s day, oldest first. */
function workingDays(now: Date, weeks: number): number[] {
  const today = Date.parse(`${vietnamDay(now)}T00:00:00+07:00`);
  const days: number[] = [];
  for (let back = weeks * 7; back >= 1; back -= 1) {
    const start = today - back * DAY_MS;
    const weekday = new Date(start + VN_OFFSET_MS).getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(start);
  }
  return days;
}

/** Seeds the history once; returns the number of events stored (0 when already there). */
export async function seedDemoHistory(db: Db, now: Date, options: DemoHistoryOptions = {}): Promise<number> {
  if ((await getSetting(db, SETTING)) !== null) return 0;
  const random = seeded(options.seed ?? 20_261_201);
  const levels = (await db.selectFrom('rating_levels').select('code').where('active', '=', 1).execute()).map(
    (l) => l.code,
  );
  const reasons = new Set((await db.selectFrom('rating_reasons').select('code').execute()).map((r) => r.code));
  const weights = LEVEL_WEIGHTS.filter(([code]) => levels.includes(code));
  const pickLevel = () => {
    let r = random() * weights.reduce((sum, [, w]) => sum + w, 0);
    for (const [code, w] of weights) if ((r -= w) <= 0) return code;
    return weights[0]![0];
  };
  await db
    .insertInto('devices')
    .values({
      id: DEMO_HISTORY_DEVICE_ID,
      name: DEMO_HISTORY_DEVICE_NAME,
      // No token hashes to this: the device cannot sync.
      token_hash: `khong-dong-bo-${uuidv7()}`,
      created_at: now.toISOString(),
      revoked_at: now.toISOString(),
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const service = DEMO_QUEUE_CONFIG.services[0]!.id;
  const officers = DEMO_CONFIG.officers.filter((o) => o.active);
  let seq = 0;
  let stored = 0;
  for (const dayStart of workingDays(now, options.weeks ?? 4)) {
    const events: Record<string, unknown>[] = [];
    const event = (type: string, ms: number, fields: Record<string, unknown>) => {
      seq += 1;
      events.push({ id: uuidv7({ msecs: ms }), seq, type, occurredAt: toVietnamIso(new Date(ms)), ...fields });
    };
    officers.forEach((officer, index) => {
      const counterId = DEMO_CONFIG.counters[index % DEMO_CONFIG.counters.length]!.id;
      const who = { counterId, officerId: officer.id, agencyId: officer.agencyId };
      // Some officers have a quiet day, a few are absent: the report is not a flat table.
      if (random() < 0.08) return;
      const tickets = 4 + Math.floor(random() * 12);
      let clock = dayStart + 8 * 3_600_000 + Math.floor(random() * 20 * 60_000);
      for (let n = 0; n < tickets; n += 1) {
        const issued = clock;
        const called = issued + (2 + Math.floor(random() * 25)) * 60_000;
        const started = called + (1 + Math.floor(random() * 2)) * 60_000;
        const finished = started + (4 + Math.floor(random() * 18)) * 60_000;
        clock = finished + Math.floor(random() * 10) * 60_000;
        if (clock > dayStart + 17 * 3_600_000) break;
        const ticketId = uuidv7({ msecs: finished });
        event('ticket.finished', finished, {
          ticketId,
          number: String(1000 + index * 100 + n + 1),
          serviceId: service,
          ...who,
          issuedAt: toVietnamIso(new Date(issued)),
          calledAt: toVietnamIso(new Date(called)),
          startedAt: toVietnamIso(new Date(started)),
        });
        const outcome = random();
        if (outcome < 0.05) {
          event('rating.prompt_outcome', finished + 500, {
            ticketId,
            counterId,
            outcome: 'not_shown',
            reason: 'citizen_absent',
          });
          continue;
        }
        event('rating.prompted', finished + 1_000, { ticketId, ...who });
        if (outcome < 0.8) {
          const level = pickLevel();
          const low = level === 'trung_binh' || level === 'kem';
          const reason = LOW_REASONS[Math.floor(random() * LOW_REASONS.length)]!;
          event('rating.submitted', finished + 5_000 + Math.floor(random() * 20_000), {
            ...who,
            ticketId,
            level,
            ...(low && reasons.has(reason) && { reasons: [reason] }),
          });
        } else {
          event('rating.prompt_outcome', finished + 60_000, {
            ticketId,
            counterId,
            outcome: outcome < 0.9 ? 'declined' : 'timed_out',
          });
        }
      }
    });
    // Received that evening, as a kiosk syncing through the day would deliver it.
    const result = await ingestEvents(db, DEMO_HISTORY_DEVICE_ID, events, new Date(dayStart + 18 * 3_600_000));
    stored += result.accepted.length;
    if (result.rejected.length > 0) {
      throw new Error(`Dữ liệu mẫu bị từ chối: ${JSON.stringify(result.rejected.slice(0, 3))}`);
    }
  }
  await setSetting(db, SETTING, vietnamDay(now));
  return stored;
}
