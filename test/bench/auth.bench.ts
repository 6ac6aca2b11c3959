// auth.login.p99-under-flood (issue 9): a correct login's latency while 1,000 anonymous bad
// logins are sent at once from many addresses; baseline: the same login on the idle server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { createServer } from '../../server/app.ts';
import { quantile, round, type Figure } from './figure.ts';

const PASSWORD = 'mat-khau-do-do-benchmark';
const FLOOD = 1_000;
const SAMPLES = 10;

async function timedLogin(app: FastifyInstance): Promise<number> {
  const started = performance.now();
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress: '10.9.9.9',
    payload: { username: 'admin', password: PASSWORD, session: 'bearer' },
  });
  if (res.statusCode !== 200) throw new Error(`correct login answered ${res.statusCode}: ${res.body}`);
  return performance.now() - started;
}

export async function benchAuth(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'hailong-bench-auth-'));
  const app = await createServer({ dbFile: join(dir, 'central.db'), adminPassword: PASSWORD, log: () => undefined });
  try {
    await timedLogin(app); // warm-up: the hashing thread and prepared statements
    const idle: number[] = [];
    for (let i = 0; i < SAMPLES; i += 1) idle.push(await timedLogin(app));

    const flood = Promise.all(
      Array.from({ length: FLOOD }, (_, i) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          remoteAddress: `172.16.${Math.floor(i / 250)}.${(i % 250) + 1}`,
          payload: { username: `khach-${randomUUID()}`, password: 'doan-bua' },
        }),
      ),
    );
    const underFlood: number[] = [];
    for (let i = 0; i < SAMPLES; i += 1) underFlood.push(await timedLogin(app));
    const answers = await flood;
    const refused = answers.filter((a) => a.statusCode !== 401 && a.statusCode !== 429 && a.statusCode !== 503);
    if (refused.length > 0) throw new Error(`flood answered ${refused[0]!.statusCode}`);

    return [
      {
        name: 'auth.login.p99-under-flood',
        value: round(quantile(underFlood, 0.99), 1),
        unit: 'ms',
        goal: '< 2000',
        better: 'lower',
        baseline: `idle server p99 ${round(quantile(idle, 0.99), 1)} ms (${SAMPLES} logins each; ${FLOOD} bad logins with random usernames from ${FLOOD} addresses)`,
      },
    ];
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
