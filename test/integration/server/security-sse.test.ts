import http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BoardSnapshot } from '../../../shared/contract/console-api.ts';
import { ingestListenerCount } from '../../../server/console/live-events.ts';
import { liveHubStats } from '../../../server/console/live-hub.ts';
import { MAX_BOARD_STREAMS, MAX_BOARD_STREAMS_PER_ADDRESS } from '../../../server/console/board-routes.ts';
import { openStreamCount } from '../../../server/console/sse.ts';
import { KioskEvents, SseReader } from '../console/console-fixtures.ts';
import { auth, enrollDevice, startTestServer, sync, type TestServer } from './support.ts';

/** Opens a stream with a raw request and drops it after `afterMs` (0: before any answer). */
function openAndDrop(port: number, path: string, afterMs: number, headers: Record<string, string> = {}) {
  return new Promise<void>((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path, headers, agent: false });
    request.on('error', () => resolve());
    request.on('close', () => resolve());
    if (afterMs === 0) setImmediate(() => request.destroy());
    else setTimeout(() => request.destroy(), afterMs);
  });
}

/** Opens a stream and resolves once its first bytes arrived; returns the request to drop later. */
function openAndHold(port: number, path: string, localAddress = '127.0.0.1') {
  return new Promise<{ status: number; drop: () => void }>((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path, agent: false, localAddress }, (response) => {
      response.once('data', () => resolve({ status: response.statusCode ?? 0, drop: () => request.destroy() }));
      response.on('error', () => undefined);
    });
    request.on('error', reject);
  });
}

async function settle(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i += 1) await new Promise((r) => setTimeout(r, 50));
}

describe('server-sent event streams', () => {
  let s: TestServer;
  let port: number;
  beforeEach(async () => {
    s = await startTestServer('sqlite', { demo: true });
    await s.app.listen({ port: 0, host: '127.0.0.1' });
    port = (s.app.server.address() as { port: number }).port;
  });
  afterEach(async () => s.close());

  it('leaves no listener, poll or stream behind when browsers drop board and Today streams at any moment', async () => {
    // The live-alert rules listen to every sync from the start, with or without a console open.
    const permanent = ingestListenerCount(s.app.hailong);
    const drops: Promise<void>[] = [];
    for (let i = 0; i < 60; i += 1) {
      drops.push(openAndDrop(port, '/api/v1/board/stream', i % 4 === 0 ? 0 : i % 7));
      drops.push(openAndDrop(port, '/api/v1/console/today/stream', i % 3 === 0 ? 0 : i % 5, auth(s.admin)));
    }
    await Promise.all(drops);
    const idle = () =>
      openStreamCount(s.app) === 0 &&
      liveHubStats(s.app).running === 0 &&
      ingestListenerCount(s.app.hailong) === permanent;
    await settle(idle);
    expect(openStreamCount(s.app)).toBe(0);
    expect(liveHubStats(s.app)).toEqual({ streams: 0, running: 0 });
    expect(ingestListenerCount(s.app.hailong)).toBe(permanent);
  });

  it('shares one feed among many boards, and each of them hears a call made on a kiosk', async () => {
    const permanent = ingestListenerCount(s.app.hailong);
    const readers = await Promise.all(
      Array.from({ length: MAX_BOARD_STREAMS_PER_ADDRESS }, async () => {
        const response = await fetch(`http://127.0.0.1:${port}/api/v1/board/stream`);
        const reader = new SseReader(response.body!);
        await reader.next<BoardSnapshot>('snapshot');
        return reader;
      }),
    );
    try {
      expect(liveHubStats(s.app).streams).toBe(MAX_BOARD_STREAMS_PER_ADDRESS);
      // One feed: one sync listener however many boards are open.
      expect(ingestListenerCount(s.app.hailong)).toBe(permanent + 1);
      const device = await enrollDevice(s.app, s.admin);
      const q1 = new KioskEvents('q-1', 'cb-001', 'ag-11');
      const ticket = q1.issue('1001', 'dv-chung-thuc');
      const res = await sync(s.app, device.token, [q1.signIn(), ticket.event, q1.call(ticket.ticketId)]);
      expect(res.statusCode).toBe(200);
      for (const reader of readers) {
        expect(await reader.next<{ number: string; counterNumber: number }>('call', 15_000)).toMatchObject({
          number: '1001',
          counterNumber: 1,
        });
      }
    } finally {
      await Promise.all(readers.map((r) => r.cancel()));
    }
    await settle(() => liveHubStats(s.app).running === 0);
    expect(liveHubStats(s.app)).toEqual({ streams: 0, running: 0 });
    expect(ingestListenerCount(s.app.hailong)).toBe(permanent);
  });

  it(`refuses a board stream beyond ${MAX_BOARD_STREAMS} open ones with a clear 503`, async () => {
    const held = [];
    // Spread over loopback addresses (all of 127/8 is local on Linux), as real TVs would be.
    for (let i = 0; i < MAX_BOARD_STREAMS; i += 1) {
      const from = `127.0.${Math.floor(i / MAX_BOARD_STREAMS_PER_ADDRESS)}.2`;
      held.push(await openAndHold(port, '/api/v1/board/stream', from));
    }
    try {
      expect(held.every((h) => h.status === 200)).toBe(true);
      const refused = await fetch(`http://127.0.0.1:${port}/api/v1/board/stream`);
      expect(refused.status).toBe(503);
      expect(((await refused.json()) as { error: { message: string } }).error.message).toContain('quá nhiều màn hình');
    } finally {
      for (const h of held) h.drop();
    }
    await settle(() => openStreamCount(s.app) === 0);
    const again = await openAndHold(port, '/api/v1/board/stream');
    expect(again.status).toBe(200);
    again.drop();
  });

  it(`refuses a ${MAX_BOARD_STREAMS_PER_ADDRESS + 1}th board stream from one address with 429, and frees the slot on close`, async () => {
    const held = [];
    for (let i = 0; i < MAX_BOARD_STREAMS_PER_ADDRESS; i += 1)
      held.push(await openAndHold(port, '/api/v1/board/stream'));
    try {
      expect(held.every((h) => h.status === 200)).toBe(true);
      const refused = await fetch(`http://127.0.0.1:${port}/api/v1/board/stream`);
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe('30');
      expect(((await refused.json()) as { error: { message: string } }).error.message).toContain('quá nhiều màn hình');
      // Another address (another TV) is still served.
      const other = await openAndHold(port, '/api/v1/board/stream', '127.0.9.9');
      expect(other.status).toBe(200);
      other.drop();
    } finally {
      held.pop()?.drop();
    }
    await settle(() => openStreamCount(s.app) === MAX_BOARD_STREAMS_PER_ADDRESS - 1);
    const again = await openAndHold(port, '/api/v1/board/stream');
    expect(again.status).toBe(200);
    again.drop();
    for (const h of held) h.drop();
  });
});
