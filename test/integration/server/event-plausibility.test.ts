import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { PhuLuc2Report } from '../../../shared/domain/phu-luc-2.ts';
import {
  BACKENDS,
  addOfficer,
  auth,
  enrollDevice,
  rating,
  startTestServer,
  type SyncBody,
  type TestServer,
} from './support.ts';

/** The server's clock in these tests: 10:00 in Vietnam on 01/12/2026. */
const NOW = new Date('2026-12-01T03:00:00.000Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function finished(
  officerId: string,
  times: { issuedAt: string; calledAt: string; startedAt: string; occurredAt: string },
) {
  return {
    id: uuidv7(),
    seq: 1,
    type: 'ticket.finished' as const,
    ticketId: uuidv7(),
    number: '1001',
    serviceId: 'dv-1',
    counterId: 'q-1',
    officerId,
    agencyId: 'ag-11',
    ...times,
  };
}

const honestTimes = {
  issuedAt: '2026-11-30T08:00:00+07:00',
  calledAt: '2026-11-30T08:10:00+07:00',
  startedAt: '2026-11-30T08:11:00+07:00',
  occurredAt: '2026-11-30T08:20:00+07:00',
};

describe.each(BACKENDS)('event plausibility on %s', (backend) => {
  let s: TestServer;
  let officer: string;
  let attacker: { deviceId: string; token: string };
  let honest: { deviceId: string; token: string };
  beforeEach(async () => {
    s = await startTestServer(backend, { now: () => NOW });
    attacker = await enrollDevice(s.app, s.admin, 'Kiosk bị lấy cắp');
    honest = await enrollDevice(s.app, s.admin, 'Kiosk quầy 2');
    officer = await addOfficer(s.app, s.admin, { fullName: 'Nguyễn Thị Hồng Nhung', agencyId: 'ag-11' });
  });
  afterEach(async () => s.close());

  const send = async (token: string, events: unknown[], deviceTime = NOW.toISOString(), extra: object = {}) =>
    s.app.inject({
      method: 'POST',
      url: '/api/v1/sync',
      headers: auth(token),
      payload: { deviceTime, events, ...extra },
    });

  it('refuses absurd instants, each by its own reason, and keeps the good event of the batch', async () => {
    const absurd = [
      '0000-01-01T00:00:00Z',
      '9999-12-31T23:59:59Z',
      '2026-02-30T09:00:00+07:00',
      '2026-11-30T24:00:00+07:00',
      '2026-11-30T09:00:00+23:59',
    ];
    const good = rating({ officerId: officer, agencyId: 'ag-11', occurredAt: '2026-11-30T09:00:00+07:00' });
    const events = [...absurd.map((occurredAt) => rating({ officerId: officer, agencyId: 'ag-11', occurredAt })), good];
    const res = await send(attacker.token, events);
    expect(res.statusCode).toBe(200);
    const body = res.json<SyncBody>();
    expect(body.accepted).toEqual([good.id]);
    expect(body.rejected.map((r) => r.index)).toEqual([0, 1, 2, 3, 4]);
    expect(body.rejected[0]!.reason).toMatch(/năm 0000/);
    expect(body.rejected[1]!.reason).toMatch(/năm 9999/);
    expect(body.rejected[2]!.reason).toMatch(/ngày 30\/02\/2026 không có/);
    expect(body.rejected[3]!.reason).toMatch(/giờ 24:00:00 không có/);
    expect(body.rejected[4]!.reason).toMatch(/múi giờ \+23:59/);
    const days = await s.app.hailong.db.selectFrom('rating_daily').select('day').execute();
    expect(days).toEqual([{ day: '2026-11-30' }]);
  });

  it('refuses a finished ticket with instants out of order, absurd or spanning more than a day', async () => {
    const forged = [
      finished(officer, { ...honestTimes, issuedAt: '0000-01-01T00:00:00Z' }),
      finished(officer, { ...honestTimes, calledAt: '2026-11-30T07:00:00+07:00' }),
      finished(officer, { ...honestTimes, startedAt: '2026-11-30T09:00:00+07:00' }),
      finished(officer, { ...honestTimes, issuedAt: '2026-11-01T08:00:00+07:00' }),
    ];
    const body = (await send(attacker.token, forged)).json<SyncBody>();
    expect(body.accepted).toEqual([]);
    expect(body.rejected.map((r) => r.reason)).toEqual([
      expect.stringMatching(/issuedAt năm 0000/),
      expect.stringMatching(/calledAt phải không sớm hơn issuedAt/),
      expect.stringMatching(/occurredAt phải không sớm hơn startedAt/),
      expect.stringMatching(/quá 24 giờ/),
    ]);
    const served = await s.app.hailong.db.selectFrom('tickets_served').select('event_id').execute();
    expect(served).toEqual([]);
  });

  it('keeps an honest kiosk syncing and the reports answering after a flood of forged long tickets', async () => {
    // The longest a forger can still make a ticket: just under a day of waiting, many times over.
    const forged = Array.from({ length: 500 }, () =>
      finished(officer, {
        issuedAt: '2026-11-29T08:21:00+07:00',
        calledAt: '2026-11-30T08:19:00+07:00',
        startedAt: '2026-11-30T08:19:30+07:00',
        occurredAt: '2026-11-30T08:20:00+07:00',
      }),
    );
    for (let i = 0; i < 4; i += 1) {
      const body = (
        await send(
          attacker.token,
          forged.map((e) => ({ ...e, id: uuidv7(), ticketId: uuidv7() })),
        )
      ).json<SyncBody>();
      expect(body.accepted).toHaveLength(500);
    }
    const ticket = finished(officer, honestTimes);
    const r = rating({
      officerId: officer,
      agencyId: 'ag-11',
      occurredAt: '2026-11-30T08:20:10+07:00',
      ticketId: ticket.ticketId,
    });
    const res = await send(honest.token, [ticket, r]);
    expect(res.statusCode).toBe(200);
    expect(res.json<SyncBody>().accepted).toEqual([ticket.id, r.id]);
    for (const url of [
      '/api/v1/reports/coverage?from=2026-11-01&to=2026-11-30',
      '/api/v1/console/ratings?from=2026-11-01&to=2026-11-30',
      '/api/v1/console/alerts',
    ]) {
      expect((await s.app.inject({ url, headers: auth(s.admin) })).statusCode, url).toBe(200);
    }
  });

  it('refuses events from the future and from more than 400 days ago, by the server clock', async () => {
    const future = rating({
      officerId: officer,
      agencyId: 'ag-11',
      occurredAt: new Date(NOW.getTime() + DAY).toISOString(),
    });
    const ancient = rating({ officerId: officer, agencyId: 'ag-11', occurredAt: '2025-10-01T09:00:00+07:00' });
    const body = (await send(attacker.token, [future, ancient])).json<SyncBody>();
    expect(body.accepted).toEqual([]);
    expect(body.rejected[0]!.reason).toMatch(/tương lai/);
    expect(body.rejected[1]!.reason).toMatch(/cũ hơn 400 ngày/);
  });

  it('files the ratings of a kiosk 3 days ahead and of one reset to 2000 on the day they were given, and says so', async () => {
    const ahead = new Date(NOW.getTime() + 3 * DAY);
    const early = rating({
      officerId: officer,
      agencyId: 'ag-11',
      occurredAt: new Date(ahead.getTime() - HOUR).toISOString(),
    });
    expect((await send(honest.token, [early], ahead.toISOString())).json<SyncBody>().accepted).toEqual([early.id]);
    const reset = new Date('2000-01-01T00:10:00.000Z');
    const lost = rating({ officerId: officer, agencyId: 'ag-11', occurredAt: '2000-01-01T00:05:00.000Z' });
    expect((await send(attacker.token, [lost], reset.toISOString())).json<SyncBody>().accepted).toEqual([lost.id]);

    const report = (
      await s.app.inject({ url: '/api/v1/reports/phu-luc-2?from=2026-12-01&to=2026-12-01', headers: auth(s.admin) })
    ).json<PhuLuc2Report>();
    const row = report.rows.find((r) => r.officerId === officer);
    expect(row?.counts).toEqual([2, 0, 0, 0]);
    const devices = (await s.app.inject({ url: '/api/v1/devices', headers: auth(s.admin) })).json<
      { name: string; clockCorrectedEvents: number; lastClockCorrectionAt: string | null }[]
    >();
    for (const d of devices) {
      expect(d.clockCorrectedEvents).toBe(1);
      expect(d.lastClockCorrectionAt).toBe(NOW.toISOString());
    }
    const stored = await s.app.hailong.db
      .selectFrom('events')
      .select(['occurred_at', 'clock_correction_ms'])
      .where('id', '=', lost.id)
      .executeTakeFirstOrThrow();
    expect(stored.occurred_at).toBe('2000-01-01T00:05:00.000Z');
    expect(Number(stored.clock_correction_ms)).toBe(NOW.getTime() - reset.getTime());
  });

  it('answers 400, not 500, to counters of 2^31 and to report periods with absurd bounds', async () => {
    for (const extra of [{ configVersion: 2 ** 31 }, { status: { pending: 2 ** 31 } }]) {
      const res = await send(honest.token, [], NOW.toISOString(), extra);
      expect(res.statusCode, JSON.stringify(extra)).toBe(400);
      expect(res.json<{ error: { message: string } }>().error.message).toMatch(/configVersion|pending/);
    }
    for (const url of [
      '/api/v1/console/ratings?from=2026-01-01&to=9999-12-31',
      '/api/v1/reports/phu-luc-2?from=0000-01-01&to=2026-12-31',
      '/api/v1/reports/coverage?from=2026-01-01&to=9999-12-31',
    ]) {
      const res = await s.app.inject({ url, headers: auth(s.admin) });
      expect(res.statusCode, url).toBe(400);
      expect(res.json<{ error: { message: string } }>().error.message).toMatch(/Ngày phải có dạng/);
    }
  });
});
