import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PhuLuc2Report } from '../../../shared/domain/phu-luc-2.ts';
import { v7 as uuidv7 } from 'uuid';
import {
  BACKENDS,
  addOfficer,
  auth,
  enrollDevice,
  rating,
  startTestServer,
  sync,
  type SyncBody,
  type TestServer,
} from './support.ts';

describe.each(BACKENDS)('sync on %s', (backend) => {
  let s: TestServer;
  let device: { deviceId: string; token: string };
  let officer: string;
  beforeEach(async () => {
    s = await startTestServer(backend);
    device = await enrollDevice(s.app, s.admin);
    officer = await addOfficer(s.app, s.admin, { fullName: 'Nguyễn Thị Hồng Nhung', agencyId: 'ag-11' });
  });
  afterEach(async () => s.close());

  const report = async () =>
    (
      await s.app.inject({ url: '/api/v1/reports/phu-luc-2?from=2026-11-01&to=2026-11-30', headers: auth(s.admin) })
    ).json<PhuLuc2Report>();
  const storedEvents = async () =>
    (
      await s.app.hailong.db
        .selectFrom('events')
        .select(({ fn }) => fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;

  it('counts a batch sent twice once: the second answer is all duplicates', async () => {
    const batch = Array.from({ length: 20 }, (_, i) =>
      rating({ officerId: officer, agencyId: 'ag-11', level: i % 4 === 0 ? 'kha' : 'tot' }),
    );
    const first = (await sync(s.app, device.token, batch)).json<SyncBody>();
    expect(first.accepted).toHaveLength(20);
    expect(first.duplicates).toEqual([]);
    const second = (await sync(s.app, device.token, batch)).json<SyncBody>();
    expect(second.accepted).toEqual([]);
    expect(second.duplicates.sort()).toEqual(batch.map((e) => e.id).sort());
    expect((await report()).rows[0]!.counts).toEqual([15, 5, 0, 0]);
  });

  it('acknowledges a stored batch even when the configuration cannot be read after it, and sends the configuration next time', async () => {
    // A broken setting: the ratings are stored, only the answer's extras (configuration) fail.
    await s.app.hailong.db
      .updateTable('settings')
      .set({ value: '{not json' })
      .where('key', '=', 'queue.config')
      .execute();
    const batch = [
      rating({ officerId: officer, agencyId: 'ag-11' }),
      rating({ officerId: officer, agencyId: 'ag-11' }),
    ];
    const answer = await sync(s.app, device.token, batch);
    expect(answer.statusCode).toBe(200);
    const body = answer.json<SyncBody & { config?: unknown }>();
    expect(body.accepted).toHaveLength(2);
    expect(body.config).toBeUndefined();
    expect(await storedEvents()).toBe(2);
    await s.app.hailong.db.deleteFrom('settings').where('key', '=', 'queue.config').execute();
    const next = (await sync(s.app, device.token, [])).json<SyncBody & { config?: unknown }>();
    expect(next.config).toBeDefined();
    expect((await report()).totals).toEqual([2, 0, 0, 0]);
  });

  it('accepts batches out of order and reports the gap until it is filled', async () => {
    const events = Array.from({ length: 30 }, () => rating({ officerId: officer, agencyId: 'ag-11' }));
    const [a, b, c] = [events.slice(0, 10), events.slice(10, 20), events.slice(20)];
    expect((await sync(s.app, device.token, c)).json<SyncBody>().accepted).toHaveLength(10);
    expect((await sync(s.app, device.token, a)).json<SyncBody>().accepted).toHaveLength(10);
    let listed = (await s.app.inject({ url: '/api/v1/devices', headers: auth(s.admin) })).json<
      { lastSeq: number; gaps: number; eventCount: number }[]
    >();
    expect(listed[0]).toMatchObject({ lastSeq: c.at(-1)!.seq, eventCount: 20, gaps: 10 });
    const gaps = await s.app.inject({ url: `/api/v1/devices/${device.deviceId}/gaps`, headers: auth(s.admin) });
    expect(gaps.json()).toEqual([{ from: b[0]!.seq, to: b.at(-1)!.seq }]);
    // Reversed order inside the batch as well.
    expect((await sync(s.app, device.token, [...b].reverse())).json<SyncBody>().accepted).toHaveLength(10);
    listed = (await s.app.inject({ url: '/api/v1/devices', headers: auth(s.admin) })).json();
    expect(listed[0]).toMatchObject({ eventCount: 30, gaps: 0 });
    expect(
      (await s.app.inject({ url: `/api/v1/devices/${device.deviceId}/gaps`, headers: auth(s.admin) })).json(),
    ).toEqual([]);
    expect((await report()).totals).toEqual([30, 0, 0, 0]);
  });

  it('rejects one bad event with its reason and keeps the rest', async () => {
    const good1 = rating({ officerId: officer, agencyId: 'ag-11' });
    const good2 = rating({ officerId: officer, agencyId: 'ag-11', level: 'kem' });
    const badLevel = rating({ officerId: officer, agencyId: 'ag-11', level: 'xuat_sac' });
    const unknownOfficer = rating({ officerId: 'cb-khong-co', agencyId: 'ag-11' });
    const unknownAgency = rating({ officerId: officer, agencyId: 'ag-99' });
    const wrongType = { ...rating({ officerId: officer, agencyId: 'ag-11' }), level: 3 };
    const noOffset = rating({ officerId: officer, agencyId: 'ag-11', occurredAt: '2026-11-28T09:00:00' });
    const unknownKind = { id: uuidv7(), seq: 99, type: 'rating.deleted', occurredAt: '2026-11-28T09:00:00+07:00' };
    const extraField = { ...rating({ officerId: officer, agencyId: 'ag-11' }), hacked: true };
    const res = await sync(s.app, device.token, [
      good1,
      badLevel,
      unknownOfficer,
      unknownAgency,
      wrongType,
      noOffset,
      unknownKind,
      extraField,
      'không phải đối tượng',
      good2,
    ]);
    expect(res.statusCode).toBe(200);
    const body = res.json<SyncBody>();
    // A field this release does not know (a newer kiosk) is stripped, not a reason to refuse.
    expect(body.accepted).toEqual([good1.id, extraField.id, good2.id]);
    const reasons = Object.fromEntries(body.rejected.map((r) => [r.index, r]));
    expect(body.rejected).toHaveLength(7);
    expect(reasons[1]).toMatchObject({ id: badLevel.id });
    expect(reasons[1]!.reason).toMatch(/Mức đánh giá "xuat_sac" không có trong thang/);
    expect(reasons[2]!.reason).toMatch(/Cán bộ không có trên máy chủ: cb-khong-co/);
    expect(reasons[3]!.reason).toMatch(/Cơ quan, đơn vị không có trên máy chủ: ag-99/);
    expect(reasons[4]!.reason).toMatch(/level/);
    expect(reasons[5]!.reason).toMatch(/occurredAt/);
    expect(reasons[6]!.reason).toMatch(/Loại sự kiện không được hỗ trợ: "rating.deleted"/);
    expect(reasons[7]).toBeUndefined();
    expect(reasons[8]).toMatchObject({ id: null });
    expect(await storedEvents()).toBe(3);
    expect((await report()).totals).toEqual([2, 0, 0, 1]);
  });

  it('stores nothing on whole-request errors: malformed JSON, too many events, too many bytes, wrong shape', async () => {
    const malformed = await s.app.inject({
      method: 'POST',
      url: '/api/v1/sync',
      headers: { ...auth(device.token), 'content-type': 'application/json' },
      payload: '{"deviceTime": "2026-11-28T02:00:00Z", "events": [',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json<{ error: { message: string } }>().error.message).toMatch(/JSON/);

    const tooMany = Array.from({ length: 501 }, () => rating({ officerId: officer, agencyId: 'ag-11' }));
    const many = await sync(s.app, device.token, tooMany);
    expect(many.statusCode).toBe(413);
    expect(many.json<{ error: { message: string } }>().error.message).toMatch(/tối đa 500/);

    const big = Array.from({ length: 10 }, () => ({
      ...rating({ officerId: officer, agencyId: 'ag-11' }),
      padding: 'x'.repeat(120_000),
    }));
    const huge = await sync(s.app, device.token, big);
    expect(huge.statusCode).toBe(413);
    expect(huge.json<{ error: { code: string; message: string } }>().error.message).toMatch(/quá lớn/);

    const noTime = await s.app.inject({
      method: 'POST',
      url: '/api/v1/sync',
      headers: auth(device.token),
      payload: { events: [rating({ officerId: officer, agencyId: 'ag-11' })] },
    });
    expect(noTime.statusCode).toBe(400);
    expect(noTime.json<{ error: { message: string } }>().error.message).toMatch(/deviceTime/);

    const notArray = await s.app.inject({
      method: 'POST',
      url: '/api/v1/sync',
      headers: auth(device.token),
      payload: { deviceTime: new Date().toISOString(), events: 'nhiều' },
    });
    expect(notArray.statusCode).toBe(400);

    const text = await s.app.inject({
      method: 'POST',
      url: '/api/v1/sync',
      headers: { ...auth(device.token), 'content-type': 'text/plain' },
      payload: JSON.stringify({
        deviceTime: new Date().toISOString(),
        events: [rating({ officerId: officer, agencyId: 'ag-11' })],
      }),
    });
    expect(text.statusCode).toBe(415);
    expect(text.json<{ error: { message: string } }>().error.message).toMatch(/chỉ nhận dữ liệu JSON/);
    expect(await storedEvents()).toBe(0);
  });

  it('sends the configuration only to a device that holds an older version, with PIN hashes', async () => {
    const pin = await s.app.inject({
      method: 'POST',
      url: `/api/v1/officers/${officer}/pin`,
      headers: auth(s.admin),
      payload: { pin: '246810' },
    });
    expect(pin.statusCode).toBe(200);
    const first = (await sync(s.app, device.token, [])).json<SyncBody>();
    expect(first.config?.officers.map((o) => o.id)).toEqual([officer]);
    expect(first.config?.officerPins[officer]).toMatch(/^scrypt\$/);
    const current = (await sync(s.app, device.token, [], { configVersion: first.configVersion })).json<SyncBody>();
    expect(current.config).toBeUndefined();
    await addOfficer(s.app, s.admin, { fullName: 'Trần Văn Đức', agencyId: 'ag-11' });
    const newer = (await sync(s.app, device.token, [], { configVersion: first.configVersion })).json<SyncBody>();
    expect(newer.configVersion).toBeGreaterThan(first.configVersion);
    expect(newer.config?.officers).toHaveLength(2);
  });

  it('keeps the device time, estimates the clock offset and flags a clock more than 5 minutes off', async () => {
    const skewed = new Date(Date.now() - 2 * 3_600_000).toISOString();
    const event = rating({ officerId: officer, agencyId: 'ag-11', occurredAt: '2026-11-28T07:30:00.000+07:00' });
    const res = await s.app.inject({
      method: 'POST',
      url: '/api/v1/sync',
      headers: auth(device.token),
      payload: { deviceTime: skewed, appVersion: '0.1.0', events: [event] },
    });
    expect(res.json<{ clockOffsetMs: number }>().clockOffsetMs).toBeLessThan(-7_000_000);
    const listed = (await s.app.inject({ url: '/api/v1/devices', headers: auth(s.admin) })).json<
      { clockWarning: boolean; version: string; clockOffsetMs: number }[]
    >();
    expect(listed[0]).toMatchObject({ clockWarning: true, version: '0.1.0' });
    const stored = await s.app.hailong.db
      .selectFrom('events')
      .select(['occurred_at', 'occurred_at_utc', 'body', 'received_at'])
      .executeTakeFirstOrThrow();
    expect(stored.occurred_at).toBe('2026-11-28T07:30:00.000+07:00');
    expect(stored.occurred_at_utc).toBe('2026-11-28T00:30:00.000Z');
    expect(JSON.parse(stored.body)).toEqual(event);
  });

  it('projects reasons, duty and served tickets', async () => {
    const r = rating({ officerId: officer, agencyId: 'ag-11', level: 'kem' });
    const ticketId = uuidv7();
    const events = [
      {
        id: uuidv7(),
        seq: 1,
        type: 'officer.signed_in',
        occurredAt: '2026-11-28T08:00:00+07:00',
        officerId: officer,
        agencyId: 'ag-11',
        counterId: 'q-1',
      },
      {
        id: uuidv7(),
        seq: 2,
        type: 'ticket.finished',
        occurredAt: '2026-11-28T08:20:00+07:00',
        ticketId,
        number: '1001',
        serviceId: 'dv-1',
        counterId: 'q-1',
        officerId: officer,
        agencyId: 'ag-11',
        issuedAt: '2026-11-28T08:00:00+07:00',
        calledAt: '2026-11-28T08:10:00+07:00',
        startedAt: '2026-11-28T08:11:00+07:00',
      },
      { ...r, ticketId, occurredAt: '2026-11-28T08:20:10+07:00' },
      {
        id: uuidv7(),
        seq: 4,
        type: 'rating.reasons_added',
        occurredAt: '2026-11-28T08:20:15+07:00',
        ratingId: r.id,
        reasons: ['cho_lau'],
      },
    ];
    const body = (await sync(s.app, device.token, events)).json<SyncBody>();
    expect(body.rejected).toEqual([]);
    expect(body.accepted).toHaveLength(4);
    const db = s.app.hailong.db;
    expect(await db.selectFrom('duty_events').select(['kind', 'officer_id']).execute()).toEqual([
      { kind: 'signed_in', officer_id: officer },
    ]);
    expect(await db.selectFrom('rating_reason_events').select(['rating_id', 'reasons']).execute()).toEqual([
      { rating_id: r.id, reasons: '["cho_lau"]' },
    ]);
    const coverage = (
      await s.app.inject({ url: '/api/v1/reports/coverage?from=2026-11-28&to=2026-11-28', headers: auth(s.admin) })
    ).json<{
      rows: {
        officerId: string;
        ticketsServed: number;
        ticketRatings: number;
        coveragePercent: number;
        averageWaitSeconds: number;
        averageServiceSeconds: number;
      }[];
    }>();
    expect(coverage.rows[0]).toMatchObject({
      officerId: officer,
      ticketsServed: 1,
      ticketRatings: 1,
      coveragePercent: 100,
      averageWaitSeconds: 600,
      averageServiceSeconds: 540,
    });
  });
});
