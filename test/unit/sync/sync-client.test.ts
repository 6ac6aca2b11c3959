import { afterEach, describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../../shared/contract/dispatch.ts';
import type { KioskState } from '../../../shared/contract/kiosk-state.ts';
import { DEMO_CONFIG, DEMO_TECHNICIAN_PIN } from '../../../shared/domain/demo-config.ts';
import { DEMO_QUEUE_CONFIG } from '../../../shared/domain/queue-config.ts';
import { demoCore, type DemoCore } from '../../support/core-fixtures.ts';
import { FakeServer } from './fake-server.ts';

let kiosk: DemoCore | undefined;
afterEach(() => {
  kiosk?.close();
  kiosk = undefined;
  vi.useRealTimers();
});

const TOKEN = 'secret-device-token-xyz';

async function enrolledKiosk(server: FakeServer, random = () => 0.5): Promise<DemoCore> {
  kiosk = await demoCore({ sync: { fetch: server.fetch, random, pollMs: 60_000 } });
  const status = await kiosk.core.handlers['sync:enroll']({
    pin: DEMO_TECHNICIAN_PIN,
    serverUrl: 'http://central.test:8080/',
    code: 'ABCD-1234',
  });
  expect(status.enrolled).toBe(true);
  // Wait for the first automatic exchange (started by the enrolment) to finish.
  await kiosk.core.sync.syncNow();
  return kiosk;
}

/** Walk-up ratings spaced beyond the 5 s interval, so none is flagged as misuse. */
function rate(k: DemoCore, count: number, level = 'tot'): string[] {
  const ids: string[] = [];
  // One outer transaction: a thousand fsyncs would only slow the test down.
  k.core.db.transaction(() => {
    for (let i = 0; i < count; i += 1) {
      k.clock.advance(6_000);
      ids.push(k.core.ratings.submit({ counterId: 'q-1', level, walkUpIntervalMs: 5_000 }).ratingId);
    }
  })();
  return ids;
}

const sentAt = (k: DemoCore, id: string): string | null =>
  k.core.db.prepare<[string], { sent_at: string | null }>('SELECT sent_at FROM events WHERE id = ?').get(id)!.sent_at;

const serverConfig = (version: number, centreName: string) => ({
  ...DEMO_CONFIG,
  version,
  centreName,
  officerPins: {},
  queue: DEMO_QUEUE_CONFIG,
});

describe('SyncClient: enrolment', () => {
  it('does nothing on the network before enrolment and says so in the state', async () => {
    const server = new FakeServer();
    kiosk = await demoCore({ sync: { fetch: server.fetch } });
    rate(kiosk, 3);
    const status = await kiosk.core.sync.syncNow();
    expect(server.requests).toHaveLength(0);
    expect(status).toMatchObject({ enrolled: false, serverUrl: null, lastSuccessAt: null });
    expect(status.pending).toBe(4); // the demo sign-in and three ratings
  });

  it('enrols with the code, stores the token in the kiosk database, and never puts it in the state', async () => {
    const server = new FakeServer();
    const states: KioskState[] = [];
    kiosk = await demoCore({ sync: { fetch: server.fetch, pollMs: 60_000 } });
    kiosk.core.onStateChanged((s) => states.push(s));
    await kiosk.core.handlers['sync:enroll']({
      pin: DEMO_TECHNICIAN_PIN,
      serverUrl: 'http://central.test:8080/',
      code: 'ABCD-1234',
    });
    await kiosk.core.sync.syncNow();
    expect(server.enrolRequests).toEqual([
      { url: 'http://central.test:8080/api/v1/devices/enroll', body: { code: 'ABCD-1234', name: 'Kiosk Quầy số 1' } },
    ]);
    expect(kiosk.core.config.getSetting('sync.deviceToken')).toBe(TOKEN);
    expect(server.requests[0]!.authorization).toBe(`Bearer ${TOKEN}`);
    const state = kiosk.core.state();
    expect(state.sync).toMatchObject({ enrolled: true, serverUrl: 'http://central.test:8080', deviceId: 'dev-1' });
    for (const s of [state, ...states]) expect(JSON.stringify(s)).not.toContain(TOKEN);
  });

  it('enrols a kiosk that belongs to no server without a PIN, but moves an enrolled one only with the technician PIN', async () => {
    const server = new FakeServer();
    kiosk = await demoCore({ sync: { fetch: server.fetch } });
    const first = await dispatch(kiosk.core.handlers, 'sync:enroll', {
      serverUrl: 'http://central.test',
      code: 'ABCD-1234',
    });
    expect(first).toMatchObject({ ok: true, value: { enrolled: true } });
    await kiosk.core.sync.syncNow();
    const result = await dispatch(kiosk.core.handlers, 'sync:enroll', {
      pin: '0000',
      serverUrl: 'http://central.test',
      code: 'ABCD-1234',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'wrong_pin' } });
    expect(server.enrolRequests).toHaveLength(1);
  });

  it.each([
    ['ftp://central.test', 'http:// hoặc https://'],
    ['file:///etc/passwd', 'http:// hoặc https://'],
    ['không phải địa chỉ', 'Địa chỉ máy chủ không hợp lệ'],
  ])('refuses the server address %s with a Vietnamese message', async (serverUrl, message) => {
    const server = new FakeServer();
    kiosk = await demoCore({ sync: { fetch: server.fetch } });
    const result = await dispatch(kiosk.core.handlers, 'sync:enroll', {
      pin: DEMO_TECHNICIAN_PIN,
      serverUrl,
      code: 'ABCD-1234',
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain(message);
    expect(server.enrolRequests).toHaveLength(0);
  });

  it('explains a wrong or expired code and an unreachable server, and stays unenrolled', async () => {
    const server = new FakeServer();
    kiosk = await demoCore({ sync: { fetch: server.fetch } });
    /** The error an enrolment attempt ends with, as the technician screen would show it. */
    const enrolError = async () => {
      const result = await dispatch(kiosk!.core.handlers, 'sync:enroll', {
        pin: DEMO_TECHNICIAN_PIN,
        serverUrl: 'http://central.test',
        code: 'WRONG-CODE',
      });
      if (result.ok) throw new Error('enrolment should have failed');
      return result.error;
    };

    server.enrolAnswer = { status: 400, body: { error: { code: 'invalid_code', message: 'Mã không hợp lệ' } } };
    expect((await enrolError()).message).toContain('sai hoặc đã hết hạn');
    // The real server says which: wrong, already used, or expired.
    const expired = 'Mã đăng ký đã hết hạn. Hãy xin quản trị viên một mã mới.';
    server.enrolAnswer = { status: 400, body: { error: { code: 'bad_enrollment_code', message: expired } } };
    expect(await enrolError()).toEqual({ code: 'invalid_input', message: expired });
    server.enrolAnswer = 'network-error';
    const unreachable = await enrolError();
    expect(unreachable.code).toBe('unavailable');
    expect(unreachable.message).toContain('Không kết nối được máy chủ http://central.test');
    server.enrolAnswer = { status: 404, body: '<html>' };
    expect((await enrolError()).message).toContain('không phải máy chủ hailong');
    expect(kiosk.core.state().sync.enrolled).toBe(false);
  });
});

describe('SyncClient: sending the outbox', () => {
  it('drains a backlog in seq order, in batches of at most 500 and 1 MB, reporting progress', async () => {
    const server = new FakeServer();
    const k = await enrolledKiosk(server);
    rate(k, 1100);
    const progress: Array<{ sent: number; total: number }> = [];
    k.core.onStateChanged((s) => {
      if (s.sync.draining) progress.push(s.sync.draining);
    });
    server.requests.length = 0;
    const status = await k.core.sync.syncNow();

    expect(server.requests.map((r) => r.body.events.length)).toEqual([500, 500, 100]);
    for (const r of server.requests) expect(r.bytes).toBeLessThanOrEqual(1024 * 1024);
    const seqs = server.eventsSent().map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(1100);
    expect(progress[0]).toEqual({ sent: 0, total: 1100 });
    expect(progress).toContainEqual({ sent: 500, total: 1100 });
    expect(progress).toContainEqual({ sent: 1000, total: 1100 });
    expect(status).toMatchObject({ pending: 0, draining: null, lastError: null });
    expect(status.lastSuccessAt).not.toBeNull();
  }, 30_000);

  it('marks events sent only when accepted or duplicate; rejected ones are kept, counted and not resent', async () => {
    const server = new FakeServer();
    const k = await enrolledKiosk(server);
    const [a, b, c, d] = rate(k, 4);
    server.then(
      (request) => {
        const index = request.body.events.findIndex((e) => e.id === c);
        return {
          status: 200,
          // d is not mentioned at all: it must stay waiting.
          body: server.response({
            accepted: [a!],
            duplicates: [b!],
            rejected: [{ id: c!, index, reason: 'Cán bộ không có trên máy chủ: cb-001.' }],
          }),
        };
      },
      // The client tries d once more at once, is ignored again, and backs off instead of spinning.
      { status: 200, body: server.response({}) },
    );
    const status = await k.core.sync.syncNow();
    expect(server.requests.slice(-2).map((r) => r.body.events.length)).toEqual([4, 1]);
    expect(status.lastError).toContain('không xác nhận');
    expect(sentAt(k, a!)).not.toBeNull();
    expect(sentAt(k, b!)).not.toBeNull();
    expect(sentAt(k, c!)).toBeNull();
    expect(sentAt(k, d!)).toBeNull();
    expect(status.rejected).toBe(1);
    expect(status.pending).toBe(1);
    const row = k.core.db
      .prepare<[string], { rejected_reason: string }>('SELECT rejected_reason FROM events WHERE id = ?')
      .get(c!)!;
    expect(row.rejected_reason).toContain('Cán bộ không có');

    // The next exchange sends d but not the rejected c again.
    server.requests.length = 0;
    await k.core.sync.syncNow();
    expect(server.eventsSent().map((e) => e.id)).toEqual([d]);
    expect(k.core.state().sync).toMatchObject({ pending: 0, rejected: 1 });
  });

  it('offers rejected events again once a newer configuration arrives', async () => {
    const server = new FakeServer();
    const k = await enrolledKiosk(server);
    const [c] = rate(k, 1);
    server.then({
      status: 200,
      body: server.response({ rejected: [{ id: c!, index: 0, reason: 'Cán bộ không có trên máy chủ.' }] }),
    });
    await k.core.sync.syncNow();
    expect(k.core.state().sync.rejected).toBe(1);

    server.then({ status: 200, body: server.response({ config: serverConfig(7, 'Trung tâm mới') }) });
    await k.core.sync.syncNow();
    server.requests.length = 0;
    await k.core.sync.syncNow();
    expect(server.eventsSent().map((e) => e.id)).toEqual([c]);
    expect(sentAt(k, c!)).not.toBeNull();
    expect(k.core.state().sync).toMatchObject({ pending: 0, rejected: 0 });
  });

  it('keeps everything when the server cannot be reached, and the kiosk goes on rating', async () => {
    const server = new FakeServer();
    const k = await enrolledKiosk(server);
    const ids = rate(k, 3);
    server.then('network-error');
    const status = await k.core.sync.syncNow();
    expect(status.pending).toBe(3);
    expect(status.lastError).toContain('Không kết nối được máy chủ http://central.test:8080');
    for (const id of ids) expect(sentAt(k, id)).toBeNull();
    // Recording does not wait for the network.
    rate(k, 2);
    expect(k.core.state().sync.pending).toBe(5);
    const after = await k.core.sync.syncNow();
    expect(after).toMatchObject({ pending: 0, lastError: null });
  });

  it('answers "sync now" at once with what is waiting, and the exchange follows in the background', async () => {
    const server = new FakeServer();
    const k = await enrolledKiosk(server);
    rate(k, 3);
    const before = server.requests.length;
    const result = await dispatch(k.core.handlers, 'sync:now', {});
    expect(result).toMatchObject({ ok: true, value: { pending: 3 } });
    await vi.waitFor(() => expect(k.core.state().sync.pending).toBe(0));
    expect(server.requests.length).toBe(before + 1);
  });

  it('tells the technician to enrol again when the server refuses the device token', async () => {
    const server = new FakeServer();
    const k = await enrolledKiosk(server);
    rate(k, 1);
    server.then({ status: 401, body: { error: { code: 'unauthorized', message: 'Mã thiết bị đã bị thu hồi' } } });
    const status = await k.core.sync.syncNow();
    expect(status.lastError).toContain('Hãy đăng ký lại kiosk');
    expect(status.pending).toBe(1);
  });

  it('sends the same events again after a lost acknowledgement, and the server counts them once', async () => {
    const server = new FakeServer();
    const k = await enrolledKiosk(server);
    const ids = rate(k, 5);
    // The server stores the batch, but the answer never reaches the kiosk.
    server.then((request) => {
      server.acceptAll(request);
      return 'network-error';
    });
    await k.core.sync.syncNow();
    expect(k.core.state().sync.pending).toBe(5);
    server.requests.length = 0;
    await k.core.sync.syncNow();
    expect(server.eventsSent().map((e) => e.id)).toEqual(ids);
    expect(k.core.state().sync.pending).toBe(0);
  });
});

describe('SyncClient: configuration from the server', () => {
  it('applies a valid configuration, publishes it, and reports its version afterwards', async () => {
    const server = new FakeServer();
    server.config = serverConfig(5, 'Trung tâm Phục vụ hành chính công tỉnh Quảng Ninh');
    const k = await enrolledKiosk(server);
    expect(server.requests[0]!.body.configVersion).toBeUndefined();
    expect(k.core.state().centreName).toBe('Trung tâm Phục vụ hành chính công tỉnh Quảng Ninh');
    server.config = undefined;
    await k.core.sync.syncNow();
    expect(server.requests.at(-1)!.body.configVersion).toBe(5);
  });

  it('refuses a bad configuration, keeps the current one, and still records the acknowledgements', async () => {
    const server = new FakeServer();
    const k = await enrolledKiosk(server);
    const [id] = rate(k, 1);
    const bad = { ...serverConfig(9, 'Cấu hình hỏng'), ratingLevels: [DEMO_CONFIG.ratingLevels[0]] };
    server.then((request) => ({
      status: 200,
      body: server.response({ accepted: request.body.events.map((e) => e.id), config: bad }),
    }));
    const status = await k.core.sync.syncNow();
    expect(status.lastError).toContain('Cấu hình nhận từ máy chủ không hợp lệ');
    expect(status.lastError).toContain('ratingLevels');
    expect(k.core.state().centreName).toBe(DEMO_CONFIG.centreName);
    expect(k.core.state().ratingLevels).toHaveLength(4);
    expect(sentAt(k, id!)).not.toBeNull();
    expect(server.requests.at(-1)!.body.configVersion).not.toBe(9);
  });
});

describe('SyncClient: retry timing', () => {
  it('retries with exponential backoff and full jitter while the server is down', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const server = new FakeServer();
    kiosk = await demoCore({ sync: { fetch: server.fetch, random: () => 0.5, pollMs: 60_000 } });
    for (let i = 0; i < 10; i += 1) server.then('network-error');
    await kiosk.core.handlers['sync:enroll']({
      pin: DEMO_TECHNICIAN_PIN,
      serverUrl: 'http://central.test',
      code: 'ABCD-1234',
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(server.requests).toHaveLength(1);
    // With the draw fixed at 0.5 the waits are 0.5 s, 1 s, 2 s, 4 s.
    const waits = [500, 1_000, 2_000, 4_000];
    for (const [n, wait] of waits.entries()) {
      await vi.advanceTimersByTimeAsync(wait - 1);
      expect(server.requests).toHaveLength(n + 1);
      await vi.advanceTimersByTimeAsync(1);
      expect(server.requests).toHaveLength(n + 2);
    }
    expect(kiosk.core.state().sync.lastError).toContain('Không kết nối được');
  });
});
