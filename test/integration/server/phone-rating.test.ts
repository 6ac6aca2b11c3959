import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PhoneTicketStatus } from '../../../shared/contract/phone-rating.ts';
import type { CoverageReport } from '../../../shared/domain/coverage-report.ts';
import type { PhuLuc2Report } from '../../../shared/domain/phu-luc-2.ts';
import { toVietnamIso } from '../../../shared/domain/vietnam-time.ts';
import { PHONE_LIMITS } from '../../../server/phone/phone-routes.ts';
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

/** A token as a kiosk mints it: 22 base64url characters. */
const token = () => Buffer.from(uuidv7().replace(/-/g, ''), 'hex').toString('base64url');

describe.each(BACKENDS)('rating later from the phone, on %s', (backend) => {
  let s: TestServer;
  let clock: Date;
  let device: { deviceId: string; token: string };
  let officer: string;
  let seq = 0;
  let started: Date;
  beforeEach(async () => {
    clock = new Date();
    started = clock;
    s = await startTestServer(backend, { now: () => clock });
    device = await enrollDevice(s.app, s.admin);
    officer = await addOfficer(s.app, s.admin, { fullName: 'Nguyễn Thị Hồng Nhung', agencyId: 'ag-11' });
  });
  afterEach(async () => s.close());

  const at = (offsetMs = 0) => toVietnamIso(new Date(clock.getTime() + offsetMs));
  const send = async (events: object[]) => {
    const body = (await sync(s.app, device.token, events)).json<SyncBody>();
    expect(body.rejected).toEqual([]);
  };
  const base = (type: string, ticketId: string, offsetMs: number) => ({
    id: uuidv7(),
    seq: (seq += 1),
    type,
    occurredAt: at(offsetMs),
    ticketId,
  });
  const issue = (ticketId: string, number: string, ratingToken?: string, offsetMs = -3_600_000) => ({
    ...base('ticket.issued', ticketId, offsetMs),
    number,
    serviceId: 'dv-1',
    counterId: 'q-1',
    ...(ratingToken !== undefined && { ratingToken }),
  });
  const call = (ticketId: string) => ({
    ...base('ticket.called', ticketId, -1_800_000),
    counterId: 'q-1',
    officerId: officer,
    agencyId: 'ag-11',
  });
  const finish = (ticketId: string, number: string, dossierCode?: string) => ({
    ...base('ticket.finished', ticketId, -60_000),
    number,
    serviceId: 'dv-1',
    counterId: 'q-1',
    officerId: officer,
    agencyId: 'ag-11',
    issuedAt: at(-3_600_000),
    calledAt: at(-1_800_000),
    startedAt: at(-1_700_000),
    ...(dossierCode !== undefined && { dossierCode }),
  });
  const status = async (t: string) => (await s.app.inject({ url: `/api/v1/phone/${t}` })).json<PhoneTicketStatus>();
  const rate = (t: string, payload: object, ip = '203.0.113.7') =>
    s.app.inject({ method: 'POST', url: `/api/v1/phone/${t}/rating`, payload, remoteAddress: ip });
  const annexCount = async () => {
    // The finish's day (the clock may have moved on since).
    const day = toVietnamIso(new Date(started.getTime() - 60_000)).slice(0, 10);
    const report = (
      await s.app.inject({ url: `/api/v1/reports/phu-luc-2?from=${day}&to=${day}`, headers: auth(s.admin) })
    ).json<PhuLuc2Report>();
    return report.rows.find((row) => row.officerId === officer)?.counts.reduce((a, b) => a + b, 0) ?? 0;
  };

  it('follows the ticket, takes one rating for the officer who finished it, and the kiosk is refused after', async () => {
    const earlier = uuidv7();
    const ticketId = uuidv7();
    const t = token();
    // Not synced yet (issued offline): the page says so and retries.
    const unknown = await status(t);
    expect(unknown.state).toBe('unknown');
    expect(unknown.message).toContain('chưa nhận được phiếu');

    await send([issue(earlier, '1001', token(), -3_700_000), issue(ticketId, '1002', t)]);
    const waiting = await status(t);
    expect(waiting).toMatchObject({ state: 'waiting', number: '1002', peopleAhead: 1, canRate: false });
    expect(waiting.message).toBe('Còn 1 người trước ông/bà.');

    await send([call(ticketId)]);
    expect((await status(t)).state).toBe('called');
    expect((await rate(t, { level: 'kha' })).statusCode).toBe(409);

    await send([finish(ticketId, '1002')]);
    const done = await status(t);
    expect(done).toMatchObject({ state: 'done', canRate: true, rated: false });
    expect(done.levels.map((l) => l.label)).toEqual(['Tốt', 'Khá', 'Trung bình', 'Kém']);

    expect((await rate(t, { level: 'khong_co' })).statusCode).toBe(400);
    const first = await rate(t, { level: 'kha' });
    expect(first.statusCode).toBe(200);
    expect(await annexCount()).toBe(1);
    // The funnel counts it as rated, and says it came from the phone.
    const finishDay = toVietnamIso(new Date(started.getTime() - 60_000)).slice(0, 10);
    const coverage = (
      await s.app.inject({
        url: `/api/v1/reports/coverage?from=${finishDay}&to=${finishDay}`,
        headers: auth(s.admin),
      })
    ).json<CoverageReport>();
    expect(coverage.funnel!.centre).toMatchObject({ served: 1, rated: 1, ratedByPhone: 1 });
    const stored = await s.app.inject({ url: `/api/v1/phone/${t}` });
    expect(stored.json<PhoneTicketStatus>()).toMatchObject({ rated: true, canRate: false });

    // Second rating: from the phone again, then from the counter's kiosk; neither counts.
    const again = await rate(t, { level: 'tot' });
    expect(again.statusCode).toBe(409);
    expect(again.json<{ error: { message: string } }>().error.message).toContain('đã được đánh giá');
    const kiosk = (
      await sync(s.app, device.token, [
        rating({ officerId: officer, agencyId: 'ag-11', level: 'tot', ticketId, occurredAt: at(1_000) }),
      ])
    ).json<SyncBody>();
    expect(kiosk.accepted).toEqual([]);
    expect(kiosk.rejected[0]!.reason).toContain('đã được đánh giá');
    expect(await annexCount()).toBe(1);
  });

  it('leaves phone ratings out of Phụ lục 2 when the centre says so, and counts them again when it says not', async () => {
    const ticketId = uuidv7();
    const t = token();
    await send([issue(ticketId, '1001', t), call(ticketId), finish(ticketId, '1001')]);
    // Reasons belong to a low level only; unknown fields (personal data) are refused.
    expect((await rate(t, { level: 'tot', reasons: ['thai_do'] })).statusCode).toBe(400);
    expect((await rate(t, { level: 'tot' })).statusCode).toBe(200);
    const setAnnex = async (phoneRatingsInAnnex: boolean) => {
      const options = (await s.app.inject({ url: '/api/v1/queue-options', headers: auth(s.admin) })).json<object>();
      const put = await s.app.inject({
        method: 'PUT',
        url: '/api/v1/queue-options',
        headers: auth(s.admin),
        payload: { ...options, phoneRatingsInAnnex },
      });
      expect(put.statusCode).toBe(200);
    };
    expect(await annexCount()).toBe(1);
    await setAnnex(false);
    expect(await annexCount()).toBe(0);
    await setAnnex(true);
    expect(await annexCount()).toBe(1);
  });

  it('refuses (409) to rate a dossier already rated through another ticket, and counts it once', async () => {
    // One citizen's dossier handled over two tickets (came back the next hour): one rating for it.
    const [first, second] = [uuidv7(), uuidv7()];
    const [t1, t2] = [token(), token()];
    await send([
      issue(first, '1001', t1),
      call(first),
      finish(first, '1001', 'HS-2026-000777'),
      issue(second, '1002', t2, -3_500_000),
      call(second),
      finish(second, '1002', 'HS-2026-000777'),
    ]);
    expect((await rate(t1, { level: 'tot' })).statusCode).toBe(200);
    const again = await rate(t2, { level: 'kha' });
    expect(again.statusCode).toBe(409);
    expect(again.json<{ error: { code: string; message: string } }>().error).toEqual({
      code: 'already_rated',
      message: 'Hồ sơ HS-2026-000777 đã được đánh giá. Mỗi hồ sơ chỉ được đánh giá một lần.',
    });
    expect(await annexCount()).toBe(1);
    const stored = await s.app.hailong.db.selectFrom('ratings').select(['ticket_id', 'level']).execute();
    expect(stored).toEqual([{ ticket_id: first, level: 'tot' }]);
  });

  it('refuses a token it does not know, and a malformed one, changing nothing', async () => {
    expect((await rate(token(), { level: 'kha' })).statusCode).toBe(404);
    const bad = await s.app.inject({ url: '/api/v1/phone/abc' });
    expect(bad.statusCode).toBe(404);
    expect(bad.json<{ error: { message: string } }>().error.message).toBe('Mã phiếu không hợp lệ.');
    expect((await rate(token(), { level: 'kha', name: 'Nguyễn Văn A' })).statusCode).toBe(400);
    expect(await annexCount()).toBe(0);
  });

  it('closes the phone rating after the configured window (24 h by default)', async () => {
    const ticketId = uuidv7();
    const t = token();
    await send([issue(ticketId, '1001', t), call(ticketId), finish(ticketId, '1001')]);
    clock = new Date(clock.getTime() + 24 * 3_600_000);
    const late = await status(t);
    expect(late).toMatchObject({ state: 'done', canRate: false, rated: false });
    expect(late.message).toContain('hết thời gian');
    const refused = await rate(t, { level: 'kha' });
    expect(refused.statusCode).toBe(409);
    // Back to the day of the finish (the admin's session would have expired a day later).
    clock = started;
    expect(await annexCount()).toBe(0);
  });

  it('limits rating attempts per token and requests per address', async () => {
    const t = token();
    for (let i = 0; i < PHONE_LIMITS.ratingsPerToken; i += 1) {
      expect((await rate(t, { level: 'kha' }, `198.51.100.${i}`)).statusCode).toBe(404);
    }
    const limited = await rate(t, { level: 'kha' }, '198.51.100.99');
    expect(limited.statusCode).toBe(429);
    expect(limited.json<{ error: { message: string } }>().error.message).toContain('Quá nhiều yêu cầu');

    let lastCode = 0;
    for (let i = 0; i <= PHONE_LIMITS.perAddress && lastCode !== 429; i += 1) {
      lastCode = (await s.app.inject({ url: `/api/v1/phone/${token()}`, remoteAddress: '192.0.2.5' })).statusCode;
    }
    expect(lastCode).toBe(429);
    // Another address is not affected.
    expect((await s.app.inject({ url: `/api/v1/phone/${token()}`, remoteAddress: '192.0.2.6' })).statusCode).toBe(200);
  });
});
