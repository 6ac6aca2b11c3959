import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { reconcileAggregates } from '../../../server/aggregates/reconcile.ts';
import { phuLuc2Report } from '../../../server/reports/phu-luc-2-query.ts';
import { previousDay } from '../../../server/staff/officer-assignments.ts';
import type { PhuLuc2Report } from '../../../shared/domain/phu-luc-2.ts';
import { vietnamDay, vietnamDayRange } from '../../../shared/domain/vietnam-time.ts';
import { seeded } from '../../../shared/domain/seeded-random.ts';
import { centreDay, shuffle, type KioskEventOut } from '../../support/centre-day-events.ts';
import {
  BACKENDS,
  addOfficer,
  auth,
  enrollDevice,
  startTestServer,
  type SyncBody,
  type TestServer,
} from './support.ts';

const TOTAL_SENT = 100_000;
const BATCH = 500;
/** What a kiosk puts in a batch before the duplicates slipped in below bring it up to 500. */
const FRESH = 440;
const KIOSKS = 6;
const DAY_MS = 86_400_000;

interface Request {
  kiosk: number;
  events: KioskEventOut[];
}

/** Each kiosk's events in random order, cut into batches; batches of all kiosks interleaved at random. */
function plan(byKiosk: KioskEventOut[][], random: () => number): Request[] {
  const requests: Request[] = [];
  byKiosk.forEach((events, kiosk) => {
    const mixed = shuffle([...events], random);
    for (let i = 0; i < mixed.length; i += FRESH) requests.push({ kiosk, events: mixed.slice(i, i + FRESH) });
  });
  return shuffle(requests, random);
}

/** Phụ lục 2's cells counted straight from the stored ratings (by instant, not by the day column). */
async function straightCells(s: TestServer, from: string, to: string) {
  const { start, end } = vietnamDayRange(from, to);
  const rows = await s.app.hailong.db
    .selectFrom('ratings')
    .select(['officer_id', 'agency_id', 'level', 'misuse', sql<number>`count(*)`.as('n')])
    .where('occurred_ms', '>=', start.getTime())
    .where('occurred_ms', '<', end.getTime())
    .groupBy(['officer_id', 'agency_id', 'level', 'misuse'])
    .execute();
  const cells = new Map<string, number>();
  let misuse = 0;
  for (const row of rows) {
    if (row.misuse !== 0) misuse += row.n;
    else cells.set(`${row.officer_id}|${row.agency_id}|${row.level}`, row.n);
  }
  return { cells, misuse };
}

function reportCells(report: PhuLuc2Report) {
  const cells = new Map<string, number>();
  for (const row of report.rows) {
    row.counts.forEach((n, i) => {
      if (n !== 0) cells.set(`${row.officerId}|${row.agencyId}|${report.levels[i]!.code}`, n);
    });
  }
  return cells;
}

describe.each(BACKENDS)('aggregates at a real volume on %s', (backend) => {
  let s: TestServer | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  it('counts 100,000 events sent over HTTP (shuffled, resent, forged, moved officers) the same from the aggregates as from the base rows', async () => {
    s = await startTestServer(backend);
    const server = s;
    const url = await server.app.listen({ host: '127.0.0.1', port: 0 });
    const agencies = ['ag-01', 'ag-04', 'ag-11', 'ag-16'];
    const officers = await Promise.all(
      Array.from({ length: 16 }, async (_, i) => {
        const agencyId = agencies[i % agencies.length]!;
        const id = await addOfficer(server.app, server.admin, {
          fullName: `Cán bộ Thử ${String(i + 1).padStart(2, '0')}`,
          agencyId,
          order: i + 1,
        });
        // Two officers move to another agency halfway through the period.
        return { id, agencyId, ...(i < 2 ? { movesTo: agencies[(i + 1) % agencies.length]! } : {}) };
      }),
    );
    const kiosks = [];
    for (let i = 0; i < KIOSKS; i += 1)
      kiosks.push(await enrollDevice(server.app, server.admin, `Kiosk quầy ${i + 1}`));

    // Four Vietnam days up to an hour ago: recent, as a kiosk that syncs every few seconds sends them.
    const now = Date.now();
    const from = new Date(now - 4 * DAY_MS);
    const to = new Date(now - 3_600_000);
    // The move takes effect at the start of a Vietnam day in the middle of the period: the
    // assignment history (which files every rating, issue 9 item 8) records moves by day.
    const moveDay = vietnamDay(new Date(now - 2 * DAY_MS));
    const moveAt = new Date(`${moveDay}T00:00:00+07:00`);
    const day = centreDay({ seed: 12, kiosks: KIOSKS, officers, from, to, moveAt, tickets: 16_500, walkUps: 8_000 });
    const random = seeded(1212);
    const requests = plan(
      day.byKiosk.map((events, k) => [...events, ...day.invalid[k]!]),
      random,
    );
    // Resent batches (an acknowledgement lost on the way back) and single events sent twice.
    const unique = requests.reduce((n, r) => n + r.events.length, 0);
    const late = day.secondRatings.flatMap((events, kiosk) => (events.length ? [{ kiosk, events }] : []));
    let budget = TOTAL_SENT - unique - late.reduce((n, r) => n + r.events.length, 0);
    expect(budget).toBeGreaterThan(5_000);
    const sends: Request[] = [];
    for (const request of requests) {
      sends.push(request);
      if (budget >= request.events.length && random() < 0.08) {
        sends.push(request);
        budget -= request.events.length;
      }
    }
    // The remaining budget: earlier events of the same kiosk slipped again into later batches.
    for (let i = sends.length - 1; i > 0 && budget > 0; i -= 1) {
      const request = sends[i]!;
      const earlier = sends.slice(0, i).filter((r) => r.kiosk === request.kiosk);
      if (earlier.length === 0 || request.events.length >= BATCH) continue;
      const room = Math.min(BATCH - request.events.length, budget);
      const extra = Array.from({ length: room }, () => {
        const batch = earlier[Math.floor(random() * earlier.length)]!.events;
        return batch[Math.floor(random() * batch.length)]!;
      });
      sends[i] = { kiosk: request.kiosk, events: [...request.events, ...extra] };
      budget -= room;
    }
    sends.push(...late);
    expect(sends.reduce((n, r) => n + r.events.length, 0)).toBe(TOTAL_SENT);

    // The move is recorded on the server (the console records it from today), then dated back
    // to the day it happened, as the history would hold it had it been entered on time.
    for (const officer of officers.filter((o) => o.movesTo)) {
      const res = await fetch(`${url}/api/v1/officers/${officer.id}`, {
        method: 'PATCH',
        headers: { ...auth(server.admin), 'content-type': 'application/json' },
        body: JSON.stringify({ agencyId: officer.movesTo }),
      });
      expect(res.status).toBe(200);
      const db = server.app.hailong.db;
      const today = vietnamDay(new Date());
      await db
        .updateTable('officer_assignments')
        .set({ to_day: previousDay(moveDay) })
        .where('officer_id', '=', officer.id)
        .where('to_day', '=', previousDay(today))
        .execute();
      await db
        .updateTable('officer_assignments')
        .set({ from_day: moveDay })
        .where('officer_id', '=', officer.id)
        .where('from_day', '=', today)
        .execute();
    }
    const accepted = new Set<string>();
    const rejected = new Set<string>();
    for (const request of sends) {
      const res = await fetch(`${url}/api/v1/sync`, {
        method: 'POST',
        headers: { ...auth(kiosks[request.kiosk]!.token), 'content-type': 'application/json' },
        body: JSON.stringify({ deviceTime: new Date().toISOString(), events: request.events }),
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as SyncBody;
      for (const id of body.accepted) {
        expect(accepted.has(id)).toBe(false);
        accepted.add(id);
      }
      for (const r of body.rejected) rejected.add(r.id!);
    }
    const refused = [...day.invalid.flat(), ...day.secondRatings.flat()];
    expect(rejected).toEqual(new Set(refused.map((e) => e.id)));
    expect(accepted.size).toBe(day.byKiosk.flat().length);

    const fromDay = vietnamDay(from);
    const toDay = vietnamDay(new Date(now));
    const response = await fetch(`${url}/api/v1/reports/phu-luc-2?from=${fromDay}&to=${toDay}`, {
      headers: auth(server.admin),
    });
    const report = (await response.json()) as PhuLuc2Report;
    const straight = await straightCells(server, fromDay, toDay);

    // Cell by cell: the report (from rating_daily) equals the count over the base rows …
    expect(reportCells(report)).toEqual(straight.cells);
    expect(report.misuseExcluded).toBe(straight.misuse);
    // … and both equal what the kiosks recorded: nothing lost, nothing counted twice.
    const sent = new Map<string, number>();
    for (const r of day.expected.filter((e) => !e.misuse)) {
      const key = `${r.officerId}|${r.agencyId}|${r.level}`;
      sent.set(key, (sent.get(key) ?? 0) + 1);
    }
    expect(straight.cells).toEqual(sent);
    expect(straight.misuse).toBe(day.expected.filter((e) => e.misuse).length);
    // A moved officer has a row under each agency, both with ratings.
    const movedRows = report.rows.filter((r) => r.officerId === officers[0]!.id);
    expect(movedRows.map((r) => r.agencyId).sort()).toEqual([agencies[0], agencies[1]].sort());
    for (const row of movedRows) expect(row.counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    // The report the CLI writes is the same model.
    expect((await phuLuc2Report(server.app.hailong.db, fromDay, toDay, new Date())).rows).toEqual(report.rows);
    // Every other aggregate (the console's) equals its count from the base rows too.
    expect((await reconcileAggregates(server.app.hailong.db, backend, false)).differences).toEqual([]);
  }, 600_000);
});
