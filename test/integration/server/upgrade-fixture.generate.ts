import Database from 'better-sqlite3';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { centreDay } from '../../support/centre-day-events.ts';
import { addOfficer, auth, enrollDevice, login, startTestServer, sync } from './support.ts';
import { FIXTURE_NOW, FIXTURE_REPORTS } from './upgrade-fixture.ts';

/**
 * Makes test/fixtures/upgrade-0019/: a database written by a server from before centres (schema
 * up to 0019) through its real HTTP API and ingest, and every report it answered. Run it in a
 * checkout of such a server (it was made at commit 350f87c), with upgrade-fixture.ts beside it:
 *   FIXTURE_OUT=<dir> npx vitest run --config <that checkout>/vitest.config.ts <this file copied there>
 * The upgrade test opens the database with today's server and expects the same reports.
 */
it('writes the pre-centres database and its reports', async () => {
  const out = process.env.FIXTURE_OUT!;
  const s = await startTestServer('sqlite', { now: () => new Date(FIXTURE_NOW) });
  const post = async (url: string, payload: object, method: 'POST' | 'PUT' | 'PATCH' = 'POST') => {
    const res = await s.app.inject({ method, url, headers: auth(s.admin), payload });
    expect(res.statusCode, `${url} ${res.body}`).toBeLessThan(300);
    return res.json<Record<string, unknown>>();
  };
  await post('/api/v1/users', { username: 'giamsat', password: 'mat-khau-giam-sat', role: 'supervisor' });
  await post('/api/v1/centre', { centreName: 'Trung tâm Phục vụ hành chính công tỉnh Bắc Kạn' }, 'PUT');
  for (const n of [1, 2, 3]) await post('/api/v1/counters', { number: n, name: `Quầy ${n}` });
  const officers = [];
  for (const [i, agencyId] of ['ag-01', 'ag-01', 'ag-02', 'ag-02', 'ag-03', 'ag-05'].entries()) {
    officers.push({
      id: await addOfficer(s.app, s.admin, { fullName: `Cán bộ ${String.fromCharCode(65 + i)} Nguyễn`, agencyId }),
      agencyId,
    });
  }
  const moving = officers[1]!;
  const kiosks = [];
  for (const n of [1, 2, 3]) {
    const kiosk = await enrollDevice(s.app, s.admin, `Kiosk quầy ${n}`);
    await post(`/api/v1/devices/${kiosk.deviceId}`, { role: 'counter', counterId: `q-${n}` }, 'PATCH');
    kiosks.push(kiosk);
  }
  // An enrolment code never used, and an officer never rated who left.
  await post('/api/v1/devices/enrollment-codes', {});
  const leaver = await addOfficer(s.app, s.admin, { fullName: 'Cán bộ Đã Nghỉ', agencyId: 'ag-04' });
  await post(`/api/v1/officers/${leaver}`, { active: false, activeTo: '2026-11-25' }, 'PATCH');
  await post(`/api/v1/officers/${officers[0]!.id}/pin`, { pin: '482913' });
  const day = centreDay({
    seed: 13,
    kiosks: 3,
    officers: officers.map((o) => (o === moving ? { ...o, movesTo: 'ag-04' } : o)),
    from: new Date('2026-11-20T01:00:00.000Z'),
    to: new Date('2026-11-27T10:00:00.000Z'),
    tickets: 240,
    walkUps: 60,
  });
  for (const [k, events] of day.byKiosk.entries()) {
    for (let i = 0; i < events.length; i += 100) {
      const res = await sync(s.app, kiosks[k]!.token, events.slice(i, i + 100));
      expect(res.statusCode, res.body).toBe(200);
    }
    await sync(
      s.app,
      kiosks[k]!.token,
      [...day.invalid[k]!, ...day.secondRatings[k]!].map((e, j) => ({ ...e, seq: events.length + j + 1 })),
    );
  }
  await post(`/api/v1/officers/${moving.id}`, { agencyId: 'ag-04' }, 'PATCH');
  await post(
    '/api/v1/reports/phu-luc-2/notes',
    {
      from: '2026-11-20',
      to: '2026-11-28',
      officerId: officers[0]!.id,
      agencyId: 'ag-01',
      note: 'Chuyển công tác từ 01/12',
    },
    'PUT',
  );
  const reports: Record<string, { status: number; body: string }> = {};
  for (const url of FIXTURE_REPORTS) {
    const res = await s.app.inject({ url, headers: auth(s.admin) });
    reports[url] = { status: res.statusCode, body: res.body };
  }
  const supervisor = await login(s.app, 'giamsat', 'mat-khau-giam-sat');
  expect(supervisor).toBeTruthy();
  const file = s.options.dbFile!;
  await s.app.close();
  copyFileSync(file, join(out, 'central.db'));
  // Out of WAL mode, so a read-only open in the test leaves no -shm/-wal beside the fixture.
  const fixture = new Database(join(out, 'central.db'));
  fixture.pragma('journal_mode = DELETE');
  fixture.close();
  writeFileSync(join(out, 'reports.json'), JSON.stringify(reports, null, 1));
});
