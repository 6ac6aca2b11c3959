import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PhuLuc2Report } from '../../../shared/domain/phu-luc-2.ts';
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

/** A ticket.finished event as a kiosk sends it when `officerId` presses "finish". */
function finished(ticketId: string, officerId: string, occurredAt: string) {
  return {
    id: uuidv7(),
    seq: 1,
    type: 'ticket.finished' as const,
    occurredAt,
    ticketId,
    number: '1001',
    serviceId: 'dv-1',
    counterId: 'q-1',
    officerId,
    agencyId: 'ag-11',
    issuedAt: '2026-11-28T08:00:00.000+07:00',
    calledAt: '2026-11-28T08:10:00.000+07:00',
    startedAt: '2026-11-28T08:11:00.000+07:00',
  };
}

describe.each(BACKENDS)('a ticket rating replayed with a device token, on %s', (backend) => {
  let s: TestServer;
  let device: { deviceId: string; token: string };
  let served: string;
  let other: string;
  beforeEach(async () => {
    s = await startTestServer(backend);
    device = await enrollDevice(s.app, s.admin);
    served = await addOfficer(s.app, s.admin, { fullName: 'Nguyễn Thị Hồng Nhung', agencyId: 'ag-11' });
    other = await addOfficer(s.app, s.admin, { fullName: 'Trần Văn Bình', agencyId: 'ag-11' });
  });
  afterEach(async () => s.close());

  const report = async () =>
    (
      await s.app.inject({ url: '/api/v1/reports/phu-luc-2?from=2026-11-01&to=2026-11-30', headers: auth(s.admin) })
    ).json<PhuLuc2Report>();
  const countFor = async (officerId: string) =>
    (await report()).rows.find((row) => row.officerId === officerId)?.counts.reduce((a, b) => a + b, 0) ?? 0;

  it('is refused with a reason when it names another officer than the one who finished the ticket', async () => {
    const ticketId = uuidv7();
    // The finish arrives in one batch, the forged rating in a later one (the usual order).
    const first = (
      await sync(s.app, device.token, [finished(ticketId, served, '2026-11-28T08:20:00.000+07:00')])
    ).json<SyncBody>();
    expect(first.rejected).toEqual([]);
    const forged = rating({
      officerId: other,
      agencyId: 'ag-11',
      level: 'kem',
      ticketId,
      occurredAt: '2026-11-28T08:20:10.000+07:00',
    });
    const body = (await sync(s.app, device.token, [forged])).json<SyncBody>();
    expect(body.accepted).toEqual([]);
    expect(body.rejected).toHaveLength(1);
    expect(body.rejected[0]!.reason).toMatch(/do cán bộ .* phục vụ/);
    expect(await countFor(other)).toBe(0);

    // The honest rating of the same ticket, credited to the officer who served it, is accepted.
    const honest = rating({
      officerId: served,
      agencyId: 'ag-11',
      level: 'tot',
      ticketId,
      occurredAt: '2026-11-28T08:20:12.000+07:00',
    });
    expect((await sync(s.app, device.token, [honest])).json<SyncBody>().accepted).toEqual([honest.id]);
    expect(await countFor(served)).toBe(1);
  });

  it('is refused in the same batch as the finish, and when it comes long after the finish', async () => {
    const a = uuidv7();
    const b = uuidv7();
    const events = [
      finished(a, served, '2026-11-28T08:20:00.000+07:00'),
      rating({ officerId: other, agencyId: 'ag-11', ticketId: a, occurredAt: '2026-11-28T08:20:05.000+07:00' }),
      finished(b, served, '2026-11-28T08:30:00.000+07:00'),
      // Two hours later: far outside any rating window a centre can configure.
      rating({ officerId: served, agencyId: 'ag-11', ticketId: b, occurredAt: '2026-11-28T10:30:00.000+07:00' }),
    ];
    const body = (await sync(s.app, device.token, events)).json<SyncBody>();
    expect(body.accepted).toEqual([events[0]!.id, events[2]!.id]);
    expect(body.rejected.map((r) => r.index)).toEqual([1, 3]);
    expect(body.rejected[1]!.reason).toMatch(/quá thời gian cho phép đánh giá/);
    expect((await report()).totals).toEqual([0, 0, 0, 0]);
  });

  it('is accepted within the window for the officer who served it, and for a ticket the server never saw', async () => {
    const ticketId = uuidv7();
    const events = [
      finished(ticketId, served, '2026-11-28T08:20:00.000+07:00'),
      rating({ officerId: served, agencyId: 'ag-11', ticketId, occurredAt: '2026-11-28T08:29:00.000+07:00' }),
      rating({ officerId: other, agencyId: 'ag-11', ticketId: uuidv7(), occurredAt: '2026-11-28T09:00:00.000+07:00' }),
    ];
    const body = (await sync(s.app, device.token, events)).json<SyncBody>();
    expect(body.rejected).toEqual([]);
    expect(await countFor(served)).toBe(1);
    expect(await countFor(other)).toBe(1);
  });
});
