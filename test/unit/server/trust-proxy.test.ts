import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { trustProxyFrom } from '../../../cli/commands/server.ts';
import { UsageError } from '../../../cli/usage-error.ts';
import { createServer } from '../../../server/app.ts';

describe('the client address behind a reverse proxy', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => app?.close());

  async function addressSeen(trustProxy: boolean | number, forwardedFor: string): Promise<string> {
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

  it('trusting every hop would take the forged one (why the deployment guide asks for a hop count)', async () => {
    expect(await addressSeen(true, '198.51.100.7, 203.0.113.5')).toBe('198.51.100.7');
  });

  it('reads --trust-proxy-hops and refuses nonsense in Vietnamese', () => {
    expect(trustProxyFrom({})).toBe(false);
    expect(trustProxyFrom({ 'trust-proxy': true })).toBe(true);
    expect(trustProxyFrom({ 'trust-proxy-hops': '2' })).toBe(2);
    expect(() => trustProxyFrom({ 'trust-proxy-hops': '0' })).toThrow(UsageError);
    expect(() => trustProxyFrom({ 'trust-proxy-hops': 'một' })).toThrow(/từ 1 đến 10/);
    expect(() => trustProxyFrom({ 'trust-proxy': true, 'trust-proxy-hops': '1' })).toThrow(/Chỉ dùng một/);
  });
});
