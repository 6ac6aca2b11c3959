import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { LiveAlertsList } from '../../../shared/contract/centre-settings.ts';
import { BACKENDS, addOfficer, auth, enrollDevice, startTestServer, sync, type TestServer } from '../server/support.ts';
import { KioskEvents } from './console-fixtures.ts';

const NOW = new Date('2026-11-28T10:00:00+07:00');
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);

async function addCounter(app: FastifyInstance, admin: string, id: string, number: number) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/counters',
    headers: auth(admin),
    payload: { id, number, name: `Quầy ${String(number)}` },
  });
  expect(res.statusCode, res.body).toBe(201);
}

/** Issues, serves and finishes a ticket at the kiosk's counter, a few minutes before NOW. */
function served(k: KioskEvents, number: string, minutes: number) {
  const issuedAt = minutesAgo(minutes + 10);
  const t = k.issue(number, 'dv-chung', issuedAt);
  const calledAt = minutesAgo(minutes + 5);
  const startedAt = minutesAgo(minutes + 4);
  const finishedAt = minutesAgo(minutes);
  return {
    ticketId: t.ticketId,
    events: [
      t.event,
      k.finish({ ticketId: t.ticketId, number, serviceId: 'dv-chung' }, { issuedAt, calledAt, startedAt, finishedAt }),
    ],
  };
}

describe.each(BACKENDS)('live alerts on %s', (backend) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('raise an alert for the scripted evidence once, push nothing twice, and keep it after acknowledgement', async () => {
    server = await startTestServer(backend, { now: () => NOW });
    const { app, admin } = server;
    // Provisioned like a real centre, without demo data: two counters, two officers, two kiosks.
    await addCounter(app, admin, 'q-1', 1);
    await addCounter(app, admin, 'q-2', 2);
    const an = await addOfficer(app, admin, { fullName: 'Nguyễn Văn An', agencyId: 'ag-11' });
    const binh = await addOfficer(app, admin, { fullName: 'Trần Thị Bình', agencyId: 'ag-02' });
    const kiosk1 = await enrollDevice(app, admin, 'Kiosk quầy 1');
    const kiosk2 = await enrollDevice(app, admin, 'Kiosk quầy 2');
    const k1 = new KioskEvents('q-1', an, 'ag-11', () => NOW);
    const k2 = new KioskEvents('q-2', binh, 'ag-02', () => NOW);
    const settings = await app.inject({
      method: 'PUT',
      url: '/api/v1/console/live-alert-settings',
      headers: auth(admin),
      payload: {
        counterWindowMinutes: 15,
        counterMinRatings: 4,
        counterLowSharePercent: 50,
        officerMinServed: 5,
        officerCoveragePercent: 50,
      },
    });
    expect(settings.statusCode, settings.body).toBe(200);
    const list = async () =>
      (await app.inject({ url: '/api/v1/console/live-alerts', headers: auth(admin) })).json<LiveAlertsList>();
    const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

    // Counter 1: an old Kém (outside 15 minutes), a misuse Kém, then three ratings: not yet 4 in the window.
    const sync1 = await sync(app, kiosk1.token, [
      k1.signIn(minutesAgo(60)),
      k1.rate('kem', { at: minutesAgo(20) }),
      k1.rate('kem', { at: minutesAgo(9), misuse: true }),
      k1.rate('tot', { at: minutesAgo(8) }),
      k1.rate('kem', { at: minutesAgo(6) }),
      k1.rate('trung_binh', { at: minutesAgo(4) }),
    ]);
    expect(sync1.statusCode, sync1.body).toBe(200);
    // Counter 2: three walk-up ratings in the window, one low, and four served tickets of which one is rated.
    const tickets = [0, 1, 2, 3].map((i) => served(k2, String(2001 + i), 30 - i * 5));
    await sync(app, kiosk2.token, [
      k2.signIn(minutesAgo(90)),
      ...tickets.flatMap((t) => t.events),
      // A ticket is rated within its rating window, a minute after its finish (30 minutes ago).
      k2.rate('tot', { at: minutesAgo(29), ticketId: tickets[0]!.ticketId }),
      k2.rate('kha', { at: minutesAgo(9) }),
      k2.rate('tot', { at: minutesAgo(8) }),
      k2.rate('kem', { at: minutesAgo(7) }),
    ]);
    await settle();
    expect((await list()).open).toEqual([]);

    // The fourth rating at counter 1 (Khá): 2 of 4 are low, half: the alert is raised.
    await sync(app, kiosk1.token, [k1.rate('kha', { at: minutesAgo(2) })]);
    await expect
      .poll(async () => (await list()).open.map((a) => [a.kind, a.subject, a.total, a.count]))
      .toEqual([['counter_low_ratings', 'Quầy số 1', 4, 2]]);
    // More evidence inside the same window raises nothing new.
    await sync(app, kiosk1.token, [k1.rate('kem', { at: minutesAgo(1) })]);
    // The fifth ticket served by Bình, still one rated: 1 of 5 = 20 % < 50 %.
    const fifth = served(k2, '2005', 1);
    await sync(app, kiosk2.token, fifth.events);
    await expect
      .poll(async () => (await list()).open.map((a) => [a.kind, a.subject, a.total, a.count, a.message]))
      .toEqual([
        [
          'officer_low_coverage',
          'Trần Thị Bình – Sở Giao thông vận tải',
          5,
          1,
          'Hôm nay mới 1 trên 5 phiếu đã phục vụ được đánh giá (20 %).',
        ],
        ['counter_low_ratings', 'Quầy số 1', 4, 2, '2 trên 4 lượt đánh giá gần đây là Trung bình hoặc Kém (50 %).'],
      ]);

    // Acknowledging needs a comment: refused in Vietnamese, and nothing changes.
    const alerts = await list();
    const counterAlert = alerts.open.find((a) => a.kind === 'counter_low_ratings')!;
    const url = `/api/v1/console/live-alerts/${counterAlert.id}/acknowledge`;
    const empty = await app.inject({ method: 'POST', url, headers: auth(admin), payload: { comment: '   ' } });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Hãy ghi nhận xét');
    expect((await list()).open).toHaveLength(2);
    const ok = await app.inject({
      method: 'POST',
      url,
      headers: auth(admin),
      payload: { comment: 'Đã nhắc cán bộ quầy 1' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const after = await list();
    expect(after.open.map((a) => a.kind)).toEqual(['officer_low_coverage']);
    expect(after.history.map((a) => [a.id, a.comment, a.acknowledgedBy])).toEqual([
      [counterAlert.id, 'Đã nhắc cán bộ quầy 1', 'admin'],
    ]);
    const again = await app.inject({ method: 'POST', url, headers: auth(admin), payload: { comment: 'Lần hai' } });
    expect(again.statusCode).toBe(409);
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/v1/console/live-alerts/khong-co/acknowledge',
      headers: auth(admin),
      payload: { comment: 'x' },
    });
    expect(unknown.statusCode).toBe(404);

    // The same evidence synced again (a kiosk retry) raises nothing: still one alert per rule.
    await sync(app, kiosk1.token, [k1.rate('kem', { at: minutesAgo(1) })]);
    await settle();
    const final = await list();
    expect(final.open.length + final.history.length).toBe(2);
  });

  it('refuses implausible thresholds and keeps the old ones', async () => {
    server = await startTestServer(backend, { now: () => NOW });
    const { app, admin } = server;
    const bad = await app.inject({
      method: 'PUT',
      url: '/api/v1/console/live-alert-settings',
      headers: auth(admin),
      payload: {
        counterWindowMinutes: 0,
        counterMinRatings: 4,
        counterLowSharePercent: 500,
        officerMinServed: 5,
        officerCoveragePercent: 50,
      },
    });
    expect(bad.statusCode).toBe(400);
    const current = await app.inject({ url: '/api/v1/console/live-alert-settings', headers: auth(admin) });
    expect(current.json()).toEqual({
      counterWindowMinutes: 15,
      counterMinRatings: 4,
      counterLowSharePercent: 50,
      officerMinServed: 10,
      officerCoveragePercent: 50,
    });
  });
});
