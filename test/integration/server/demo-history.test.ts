import { afterEach, describe, expect, it } from 'vitest';
import { reconcileAggregates } from '../../../server/aggregates/reconcile.ts';
import { DEMO_HISTORY_DEVICE_NAME, seedDemoHistory } from '../../../server/demo/demo-history.ts';
import type { CoverageReport } from '../../../shared/domain/coverage-report.ts';
import { DEMO_CONFIG } from '../../../shared/domain/demo-config.ts';
import type { PhuLuc2Report } from '../../../shared/domain/phu-luc-2.ts';
import { BACKENDS, auth, startTestServer, type TestServer } from './support.ts';

/** A Tuesday morning in Vietnam; the history covers the four weeks before it. */
const NOW = new Date('2026-12-01T03:00:00.000Z');
const FROM = '2026-11-03';
const TO = '2026-11-30';

const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function demoServer(backend: (typeof BACKENDS)[number]) {
  const s = await startTestServer(backend, { demo: true, demoHistory: true, now: () => NOW });
  servers.push(s);
  const get = async <T>(url: string) => {
    const res = await s.app.inject({ url, headers: auth(s.admin) });
    expect(res.statusCode, url).toBe(200);
    return res.json<T>();
  };
  return { s, get };
}

describe.each(BACKENDS)('npm start’s demo history (%s)', (backend) => {
  it('fills the last weeks with consistent numbers: every officer rated, totals reconcile, funnel adds up', async () => {
    const { s, get } = await demoServer(backend);
    const report = await get<PhuLuc2Report>(`/api/v1/reports/phu-luc-2?from=${FROM}&to=${TO}&format=json`);
    const demoOfficers = DEMO_CONFIG.officers.filter((o) => o.active).map((o) => o.id);
    for (const id of demoOfficers) {
      const row = report.rows.find((r) => r.officerId === id);
      expect(row, id).toBeDefined();
      expect(
        row!.counts.reduce((a, b) => a + b, 0),
        id,
      ).toBeGreaterThan(20);
    }
    // The totals line is the sum of the rows, level by level.
    const summed = report.levels.map((_, i) => report.rows.reduce((n, r) => n + (r.counts[i] ?? 0), 0));
    expect(report.totals).toEqual(summed);
    expect(summed.every((n) => n > 0)).toBe(true);
    // Nothing after yesterday: today is the live day.
    const today = await get<PhuLuc2Report>('/api/v1/reports/phu-luc-2?from=2026-12-01&to=2026-12-01&format=json');
    expect(today.totals.reduce((a, b) => a + b, 0)).toBe(0);

    const coverage = await get<CoverageReport>(`/api/v1/reports/coverage?from=${FROM}&to=${TO}&format=json`);
    for (const id of demoOfficers) {
      const row = coverage.rows.find((r) => r.officerId === id)!;
      const phu = report.rows.find((r) => r.officerId === id)!;
      expect(row.ticketsServed, id).toBeGreaterThan(0);
      // Every demo rating is on a ticket: coverage and Phụ lục 2 count the same ratings.
      expect(row.ticketRatings, id).toBe(phu.counts.reduce((a, b) => a + b, 0));
      expect(row.coveragePercent!, id).toBeGreaterThan(50);
      expect(row.coveragePercent!, id).toBeLessThan(100);
    }
    const centre = coverage.funnel!.centre;
    expect(centre.served).toBe(coverage.rows.reduce((n, r) => n + r.ticketsServed, 0));
    // Each served ticket ended one way: rated, declined, timed out, or not shown (citizen left).
    expect(centre.rated + centre.declined + centre.timedOut + centre.notShownCitizenAbsent).toBe(centre.served);
    expect(centre.prompted).toBe(centre.served - centre.notShownCitizenAbsent);

    // The stored totals match a straight recount of the events.
    const reconciled = await reconcileAggregates(s.app.hailong.db, backend, false);
    expect(reconciled.differences).toEqual([]);
    // Marked as demo data in the kiosk list.
    const devices = await get<Array<{ name: string }>>('/api/v1/devices');
    expect(devices.map((d) => d.name)).toContain(DEMO_HISTORY_DEVICE_NAME);
    // Once only: a second start adds nothing.
    expect(await seedDemoHistory(s.app.hailong.db, NOW)).toBe(0);
  });

  it('is the same history on every machine (seeded)', async () => {
    const a = await demoServer(backend);
    const b = await demoServer(backend);
    const url = `/api/v1/reports/phu-luc-2?from=${FROM}&to=${TO}&format=json`;
    const rowsOf = (r: PhuLuc2Report) => r.rows.map((row) => [row.officerId, row.counts]);
    expect(rowsOf(await a.get<PhuLuc2Report>(url))).toEqual(rowsOf(await b.get<PhuLuc2Report>(url)));
  });
});
