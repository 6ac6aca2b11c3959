import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { parseTrustProxy } from '../../../cli/commands/server.ts';
import { CommandError } from '../../../cli/usage-error.ts';
import { createServer } from '../../../server/app.ts';

describe('the client address behind a reverse proxy', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => app?.close());

  async function addressSeen(trustProxy: number | undefined, forwardedFor: string): Promise<string> {
    app = await createServer({
      dbFile: ':memory:',
      adminPassword: 'mat-khau-quan-tri-thu',
      log: () => undefined,
      trustProxy,
    });
    app.get('/test/ip', (request) => Promise.resolve({ ip: request.ip }));
    const res = await app.inject({
      url: '/test/ip',
      remoteAddress: '10.0.0.2',
      headers: { 'x-forwarded-for': forwardedFor },
    });
    return res.json<{ ip: string }>().ip;
  }

  it('with one trusted hop takes the address nginx appended, not one the browser forged', async () => {
    expect(await addressSeen(1, '198.51.100.7, 203.0.113.5')).toBe('203.0.113.5');
  });

  it('with two trusted hops takes the address the outer proxy appended', async () => {
    expect(await addressSeen(2, '198.51.100.7, 203.0.113.5')).toBe('198.51.100.7');
  });

  it('without --trust-proxy ignores X-Forwarded-For altogether', async () => {
    expect(await addressSeen(undefined, '198.51.100.7, 203.0.113.5')).toBe('10.0.0.2');
  });

  it('reads --trust-proxy N and refuses "every hop" or nonsense in Vietnamese', () => {
    expect(parseTrustProxy(undefined)).toBeUndefined();
    expect(parseTrustProxy('2')).toBe(2);
    expect(() => parseTrustProxy('0')).toThrow(CommandError);
    expect(() => parseTrustProxy('một')).toThrow(/từ 1 đến 9/);
    expect(() => parseTrustProxy('true')).toThrow(/từ 1 đến 9/);
  });
});
