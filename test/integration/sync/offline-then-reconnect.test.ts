import { afterEach, describe, expect, it, vi } from 'vitest';
import { KioskCore } from '../../../electron/core/kiosk-core.ts';
import { DEMO_PIN, DEMO_TECHNICIAN_PIN } from '../../../shared/domain/demo-config.ts';
import type { KioskEvent } from '../../../shared/domain/events.ts';
import { FakeClock } from '../../support/core-fixtures.ts';
import { freshDatabase, type TestBackend } from '../server/support.ts';
import { api, enrolmentCode, phuLuc2, rowCounts, startCentral, tempFolder, type Central } from './central.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

const DAY = '2026-11-28';

/** A kiosk with no demo seed: everything it knows comes from the server. */
async function enrolledKiosk(central: Central, clock: FakeClock): Promise<{ core: KioskCore; clock: FakeClock }> {
  const folder = tempFolder('hailong-sync-kiosk-');
  // Long poll so only the test decides when to sync; no jitter so a retry is never late.
  const core = new KioskCore({ dataDir: folder.dir, now: clock.now, sync: { pollMs: 3_600_000, random: () => 0 } });
  cleanups.push(() => {
    core.close();
    folder.cleanup();
  });
  await core.setTechnicianPin(DEMO_TECHNICIAN_PIN);
  const code = await enrolmentCode(central);
  const status = await core.handlers['sync:enroll']({ pin: DEMO_TECHNICIAN_PIN, serverUrl: central.url, code });
  expect(status).toMatchObject({ enrolled: true, serverUrl: central.url });
  await core.sync.syncNow();
  return { core, clock };
}

describe.each<TestBackend>(['sqlite', 'postgres'])('kiosk ↔ central server on %s', (backend) => {
  it('keeps rating while the server is down, then every rating reaches Phụ lục 2 exactly once', async () => {
    const db = await freshDatabase(backend);
    cleanups.push(db.cleanup);
    const serverClock = new FakeClock();
    let central = await startCentral(db.options, 0, { now: serverClock.now });
    cleanups.push(() => central.app.close());

    // Enrolled and given the server's configuration (officers with their PIN hashes).
    const { core, clock } = await enrolledKiosk(central, serverClock);
    const state = core.state();
    expect(state.officers.map((o) => o.id)).toContain('cb-002');
    expect(state.sync.lastError).toBeNull();
    await core.handlers['technician:setCounter']({ pin: DEMO_TECHNICIAN_PIN, counterId: 'q-1' });
    // The queue setup (services, priority categories) comes down with the rest.
    const serverQueue = await api<{ queue: { services: { id: string; counterId: string }[] } }>(
      central.url,
      'GET',
      '/api/v1/config',
      central.admin,
    );
    const counterServices = serverQueue.queue.services.filter((s) => s.counterId === 'q-1').map((s) => s.id);
    expect(counterServices.length).toBeGreaterThan(0);
    expect(core.state().queue.services.map((s) => s.id)).toEqual(counterServices);

    // The server goes away; the kiosk does not notice in anything it does for people.
    await central.app.close();
    const officer = await core.handlers['officer:signIn']({ officerId: 'cb-002', pin: DEMO_PIN });
    expect(officer.id).toBe('cb-002');
    const levels = ['tot', 'kha', 'trung_binh', 'kem'];
    const expected: Record<string, number> = { tot: 0, kha: 0, trung_binh: 0, kem: 0 };
    let misuse = 0;
    for (let i = 0; i < 36; i += 1) {
      // Every sixth press comes 1 s after the previous one: kept, flagged, not counted.
      const tooSoon = i % 6 === 5;
      clock.advance(tooSoon ? 1_000 : 7_000);
      const level = levels[i % 4]!;
      const result = await core.handlers['ratings:submit']({ level });
      expect(result.misuse).toBe(tooSoon);
      if (tooSoon) misuse += 1;
      else expected[level]! += 1;
    }
    expect(misuse).toBe(6);
    const offline = await core.sync.syncNow();
    expect(offline.pending).toBe(37); // the sign-in and 36 ratings
    expect(offline.lastError).toContain('Không kết nối được máy chủ');

    // Back on the same database and address; the kiosk drains its outbox.
    central = await startCentral(db.options, central.port, { now: clock.now });
    const after = await core.sync.syncNow();
    expect(after).toMatchObject({ pending: 0, rejected: 0, lastError: null });

    const report = await phuLuc2(central, DAY);
    expect(rowCounts(report, 'cb-002')).toEqual(expected);
    expect(report.misuseExcluded).toBe(6);
    const totalRatings = report.totals.reduce((a, b) => a + b, 0);
    expect(totalRatings).toBe(30);

    // Sending the very same events again changes nothing.
    const events = [...core.outbox.all()] as KioskEvent[];
    const token = core.config.getSetting('sync.deviceToken')!;
    const again = await api<{ accepted: string[]; duplicates: string[] }>(central.url, 'POST', '/api/v1/sync', token, {
      deviceTime: new Date().toISOString(),
      events,
    });
    expect(again.accepted).toEqual([]);
    expect(again.duplicates).toHaveLength(events.length);
    const reportAgain = await phuLuc2(central, DAY);
    expect(reportAgain.rows).toEqual(report.rows);
    expect(reportAgain.misuseExcluded).toBe(6);
  }, 120_000);
});

describe('kiosk ↔ central server, on its own', () => {
  it('retries by itself until the server is back, then drains a large backlog in batches with progress', async () => {
    const db = await freshDatabase('sqlite');
    cleanups.push(db.cleanup);
    const clock = new FakeClock();
    let central = await startCentral(db.options, 0, { now: clock.now });
    cleanups.push(() => central.app.close());
    const folder = tempFolder('hailong-sync-kiosk-');
    // Short waits so the test does not sit through real backoff; the loop is the real one.
    const core = new KioskCore({
      dataDir: folder.dir,
      now: clock.now,
      sync: { pollMs: 100, baseBackoffMs: 20, capBackoffMs: 200 },
    });
    cleanups.push(() => {
      core.close();
      folder.cleanup();
    });
    await core.setTechnicianPin(DEMO_TECHNICIAN_PIN);
    await core.handlers['sync:enroll']({
      pin: DEMO_TECHNICIAN_PIN,
      serverUrl: central.url,
      code: await enrolmentCode(central),
    });
    await vi.waitFor(() => expect(core.state().officers.length).toBeGreaterThan(0), { timeout: 10_000 });
    await core.handlers['technician:setCounter']({ pin: DEMO_TECHNICIAN_PIN, counterId: 'q-1' });

    await central.app.close();
    await core.handlers['officer:signIn']({ officerId: 'cb-001', pin: DEMO_PIN });
    core.db.transaction(() => {
      for (let i = 0; i < 1_200; i += 1) {
        clock.advance(10_000);
        core.ratings.submit({ counterId: 'q-1', level: i % 10 === 0 ? 'kem' : 'tot', walkUpIntervalMs: 5_000 });
      }
    })();
    await vi.waitFor(() => expect(core.state().sync.lastError).toContain('Không kết nối được'), { timeout: 10_000 });
    expect(core.state().sync.pending).toBe(1_201);

    const progress: Array<{ sent: number; total: number }> = [];
    core.onStateChanged((state) => {
      if (state.sync.draining) progress.push(state.sync.draining);
    });
    central = await startCentral(db.options, central.port, { now: clock.now });
    await vi.waitFor(() => expect(core.state().sync).toMatchObject({ pending: 0, lastError: null }), {
      timeout: 30_000,
      interval: 100,
    });
    expect(progress).toContainEqual({ sent: 500, total: 1_201 });
    expect(progress).toContainEqual({ sent: 1_000, total: 1_201 });
    expect(core.state().sync.draining).toBeNull();

    // 1,200 presses 10 s apart from 09:00 all fall on the same Vietnam day.
    const report = await phuLuc2(central, DAY);
    expect(rowCounts(report, 'cb-001')).toEqual({ tot: 1_080, kha: 0, trung_binh: 0, kem: 120 });
    expect(report.misuseExcluded).toBe(0);
  }, 120_000);
});
