import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBrowserHost } from '../../../electron/host/browser-host.ts';
import { CONTENT_SECURITY_POLICY } from '../../../electron/security/content-security-policy.ts';
import type { KioskState } from '../../../shared/contract/kiosk-state.ts';
import type { Result } from '../../../shared/contract/result.ts';
import { DEMO_PIN } from '../../../shared/domain/demo-config.ts';
import { countRows, demoCore, type DemoCore } from '../../support/core-fixtures.ts';

let kiosk: DemoCore;
let app: FastifyInstance;
let base: URL;

beforeEach(async () => {
  kiosk = await demoCore();
  const rendererDir = join(kiosk.dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Kiosk</title><p>Đánh giá</p>');
  const host = await startBrowserHost({ core: kiosk.core, rendererDir, port: 0 });
  app = host.app;
  base = new URL(host.url);
});

afterEach(async () => {
  await app.close();
  kiosk.close();
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP call, so tests can send what a browser never would (a foreign Host, bad bodies). */
function send(
  method: string,
  path: string,
  options: { body?: string | Buffer; headers?: Record<string, string> } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: base.hostname, port: base.port, method, path, headers: { host: base.host, ...options.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const invoke = (channel: string, payload: unknown) =>
  send('POST', `/api/invoke/${channel}`, {
    body: JSON.stringify(payload),
    headers: { 'content-type': 'application/json' },
  });

const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùý]/i;

function rowCounts() {
  return { ratings: countRows(kiosk.core, 'ratings'), events: countRows(kiosk.core, 'events') };
}

describe('browser host contract', () => {
  it('answers getState and records a rating', async () => {
    const state = await invoke('kiosk:getState', {});
    expect(state.status).toBe(200);
    const parsed = JSON.parse(state.body) as Result<KioskState>;
    expect(parsed.ok && parsed.value.officer?.id).toBe('cb-001');
    expect(parsed.ok && parsed.value.ratingLevels.map((l) => l.label)).toEqual(['Tốt', 'Khá', 'Trung bình', 'Kém']);

    const rated = await invoke('ratings:submit', { level: 'kha' });
    expect(rated.status).toBe(200);
    const result = JSON.parse(rated.body) as Result<{ ratingId: string; misuse: boolean }>;
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const row = kiosk.core.db
      .prepare<[string], { officer_id: string; agency_id: string; level: string }>(
        'SELECT officer_id, agency_id, level FROM ratings WHERE id = ?',
      )
      .get(result.value.ratingId);
    expect(row).toEqual({ officer_id: 'cb-001', agency_id: 'ag-11', level: 'kha' });
  });

  it('answers a domain refusal with ok: false and a Vietnamese message', async () => {
    const reply = await invoke('officer:signIn', { officerId: 'cb-002', pin: '0000' });
    expect(JSON.parse(reply.body)).toEqual({
      ok: false,
      error: { code: 'wrong_pin', message: 'Mã PIN không đúng. Còn 4 lần thử.' },
    });
  });

  it('serves the screens, with security headers, and the same page for client routes', async () => {
    const page = await send('GET', '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Đánh giá');
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect((await send('GET', '/officer')).body).toContain('Đánh giá');
  });

  const badRequests: Array<[string, () => Promise<Reply>]> = [
    ['a field of the wrong type', () => invoke('ratings:submit', { level: 4 })],
    ['an extra field', () => invoke('ratings:submit', { level: 'tot', officerId: 'cb-002' })],
    ['a level not in the scale', () => invoke('ratings:submit', { level: 'xuat_sac' })],
    ['an unknown channel', () => invoke('ratings:delete', { id: 'x' })],
    ['an inherited name as channel', () => invoke('__proto__', {})],
    [
      'a body that is not JSON',
      () =>
        send('POST', '/api/invoke/ratings:submit', {
          body: '{level:',
          headers: { 'content-type': 'application/json' },
        }),
    ],
    [
      'an empty JSON body',
      () => send('POST', '/api/invoke/ratings:submit', { body: '', headers: { 'content-type': 'application/json' } }),
    ],
    [
      'a text/plain body',
      () =>
        send('POST', '/api/invoke/ratings:submit', {
          body: JSON.stringify({ level: 'tot' }),
          headers: { 'content-type': 'text/plain' },
        }),
    ],
    [
      'a form body',
      () =>
        send('POST', '/api/invoke/ratings:submit', {
          body: 'level=tot',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        }),
    ],
    [
      'an oversized body',
      () =>
        send('POST', '/api/invoke/ratings:submit', {
          body: JSON.stringify({ level: 'tot', pad: 'x'.repeat(200_000) }),
          headers: { 'content-type': 'application/json' },
        }),
    ],
    [
      'a foreign Host header',
      () =>
        send('POST', '/api/invoke/ratings:submit', {
          body: JSON.stringify({ level: 'tot' }),
          headers: { 'content-type': 'application/json', host: 'evil.example:80' },
        }),
    ],
    [
      'a foreign Origin header',
      () =>
        send('POST', '/api/invoke/ratings:submit', {
          body: JSON.stringify({ level: 'tot' }),
          headers: { 'content-type': 'application/json', origin: 'http://evil.example' },
        }),
    ],
    [
      'an opaque Origin',
      () =>
        send('POST', '/api/invoke/ratings:submit', {
          body: JSON.stringify({ level: 'tot' }),
          headers: { 'content-type': 'application/json', origin: 'null' },
        }),
    ],
    ['a GET on a channel', () => send('GET', '/api/invoke/ratings:submit')],
  ];

  for (const [what, run] of badRequests) {
    it(`refuses ${what} with a Vietnamese message and writes nothing`, async () => {
      const before = rowCounts();
      const reply = await run();
      const body = JSON.parse(reply.body) as Result<unknown>;
      expect(body.ok).toBe(false);
      if (body.ok) return;
      expect(body.error.message).toMatch(VIETNAMESE);
      // No English framework message leaks through to the person at the screen.
      expect(body.error.message).not.toMatch(/\b(body|content-type|route|not found|is not|JSON but)\b/i);
      if (what !== 'a level not in the scale') expect(reply.status).toBeGreaterThanOrEqual(400);
      expect(reply.status).toBeLessThan(500);
      expect(reply.headers['content-type']).toMatch(/application\/json/);
      expect(rowCounts()).toEqual(before);
    });
  }

  it('names the problem for bodies that are not JSON objects', async () => {
    const plain = await send('POST', '/api/invoke/ratings:submit', {
      body: JSON.stringify({ level: 'tot' }),
      headers: { 'content-type': 'text/plain' },
    });
    expect(plain.status).toBe(415);
    expect(JSON.parse(plain.body)).toMatchObject({ error: { message: 'Yêu cầu phải gửi dữ liệu JSON' } });
    const broken = await send('POST', '/api/invoke/ratings:submit', {
      body: '{level:',
      headers: { 'content-type': 'application/json' },
    });
    expect(broken.status).toBe(400);
    expect(JSON.parse(broken.body)).toMatchObject({
      error: { message: expect.stringContaining('không phải JSON') as unknown },
    });
    const big = await invoke('ratings:submit', { level: 'tot', pad: 'x'.repeat(200_000) });
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body)).toMatchObject({ error: { message: 'Dữ liệu gửi lên quá lớn' } });
    const field = await invoke('ratings:submit', { level: 4 });
    expect(JSON.parse(field.body)).toMatchObject({ error: { message: expect.stringContaining('(level)') as unknown } });
  });

  it('still works after bad requests', async () => {
    await invoke('ratings:submit', { level: 4 });
    await send('POST', '/api/invoke/ratings:submit', { body: '{', headers: { 'content-type': 'application/json' } });
    const reply = await invoke('ratings:submit', { level: 'tot' });
    expect((JSON.parse(reply.body) as Result<unknown>).ok).toBe(true);
    expect(rowCounts().ratings).toBe(1);
  });

  it('accepts the channel name percent-encoded, as the screens send it', async () => {
    const reply = await send('POST', `/api/invoke/${encodeURIComponent('ratings:submit')}`, {
      body: JSON.stringify({ level: 'trung_binh' }),
      headers: { 'content-type': 'application/json' },
    });
    expect((JSON.parse(reply.body) as Result<unknown>).ok).toBe(true);
    expect(rowCounts().ratings).toBe(1);
  });

  it('accepts a call from its own origin', async () => {
    const reply = await send('POST', '/api/invoke/ratings:submit', {
      body: JSON.stringify({ level: 'tot' }),
      headers: { 'content-type': 'application/json', origin: `http://${base.host}` },
    });
    expect((JSON.parse(reply.body) as Result<unknown>).ok).toBe(true);
  });
});

describe('browser host state stream', () => {
  /** Reads server-sent `kiosk:stateChanged` events until `count` have arrived. */
  function collectStates(count: number): { states: Promise<KioskState[]>; opened: Promise<void> } {
    let markOpened: () => void = () => {};
    const opened = new Promise<void>((resolve) => (markOpened = resolve));
    const states = new Promise<KioskState[]>((resolve, reject) => {
      const seen: KioskState[] = [];
      const req = httpRequest(
        { host: base.hostname, port: base.port, path: '/api/state', headers: { host: base.host } },
        (res) => {
          expect(res.headers['content-type']).toMatch(/text\/event-stream/);
          let buffer = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            buffer += chunk;
            let end = buffer.indexOf('\n\n');
            while (end >= 0) {
              const block = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              const data = block.split('\n').find((line) => line.startsWith('data: '));
              if (block.includes('event: kiosk:stateChanged') && data) {
                seen.push(JSON.parse(data.slice(6)) as KioskState);
                if (seen.length === 1) markOpened();
                if (seen.length === count) {
                  req.destroy();
                  resolve(seen);
                }
              }
              end = buffer.indexOf('\n\n');
            }
          });
        },
      );
      req.on('error', (error: NodeJS.ErrnoException) => {
        if (seen.length < count) reject(error);
      });
      req.end();
    });
    return { states, opened };
  }

  it('sends the current state, then a new one after sign-out and sign-in', async () => {
    const { states, opened } = collectStates(3);
    await opened;
    await invoke('officer:signOut', { pin: DEMO_PIN });
    await invoke('officer:signIn', { officerId: 'cb-005', pin: DEMO_PIN });
    const [first, second, third] = await states;
    expect(first!.officer?.id).toBe('cb-001');
    expect(second!.officer).toBeNull();
    expect(third!.officer).toMatchObject({ id: 'cb-005', fullName: 'Hoàng Minh Tuấn', agencyName: 'Công an tỉnh' });
    expect(second!.revision).toBeGreaterThan(first!.revision);
    expect(third!.revision).toBeGreaterThan(second!.revision);
  });

  it('refuses the stream to a foreign Host', async () => {
    const reply = await send('GET', '/api/state', { headers: { host: 'evil.example' } });
    expect(reply.status).toBe(421);
    expect(reply.body).toContain('Máy chủ không hợp lệ');
  });
});
