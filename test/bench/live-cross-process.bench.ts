// Two `hailong server` processes on one PostgreSQL database: how long from a kiosk's sync to
// process A until a console connected to process B shows it (LISTEN/NOTIFY), beside the same
// sync seen by a console connected to A itself (the in-process wake-up), in the same run.
import { performance } from 'node:perf_hooks';
import type { TodaySnapshot } from '../../shared/contract/console-api.ts';
import { startCliServer, type CliServer } from '../support/cli-server.ts';
import { provisionCounter, remoteEnroll, remoteLogin, remoteSync } from '../support/remote-server.ts';
import { KioskEvents, SseReader } from '../integration/console/console-fixtures.ts';
import { freshDatabase } from '../integration/server/support.ts';
import { quantile, round, type Figure } from './figure.ts';

const PASSWORD = 'mat-khau-do-hieu-nang';
const SYNCS = 100;
/** Above the Today feed's 100 ms debounce, so each sync is its own update. */
const PAUSE_MS = 150;

async function openToday(base: string, cookie: string): Promise<SseReader> {
  const response = await fetch(`${base}/api/v1/console/today/stream`, { headers: { cookie } });
  if (response.status !== 200 || !response.body) throw new Error(`today stream: ${response.status}`);
  return new SseReader(response.body);
}

/** Resolves with the time at which the stream shows `ratings` ratings today. */
async function seenAt(stream: SseReader, ratings: number): Promise<number> {
  for (;;) {
    const snapshot = await stream.next<TodaySnapshot>('today', 10_000);
    if (snapshot.totals.ratings >= ratings) return performance.now();
  }
}

export async function benchLiveCrossProcess(): Promise<Figure[]> {
  const db = await freshDatabase('postgres');
  const servers: CliServer[] = [];
  const streams: SseReader[] = [];
  try {
    const env = { HAILONG_ADMIN_PASSWORD: PASSWORD };
    const url = db.options.databaseUrl!;
    const a = await startCliServer(['--database-url', url], env);
    servers.push(a);
    const b = await startCliServer(['--database-url', url], env);
    servers.push(b);
    const login = await remoteLogin(a.url, 'admin', PASSWORD);
    const { counterId, officerId } = await provisionCounter(a.url, login.token, { number: 1, agencyId: 'ag-03' });
    const kiosk = await remoteEnroll(a.url, login.token, 'Kiosk quầy 1');
    const q1 = new KioskEvents(counterId, officerId, 'ag-03');
    await remoteSync(a.url, kiosk.token, [q1.signIn()]);

    const onA = await openToday(a.url, login.cookie);
    const onB = await openToday(b.url, login.cookie);
    streams.push(onA, onB);
    await Promise.all([onA.next('today'), onB.next('today')]);

    const cross: number[] = [];
    const local: number[] = [];
    for (let i = 1; i <= SYNCS; i += 1) {
      const start = performance.now();
      const seen = Promise.all([seenAt(onA, i), seenAt(onB, i)]);
      await remoteSync(a.url, kiosk.token, [q1.rate(i % 7 === 0 ? 'kha' : 'tot')]);
      const [atA, atB] = await seen;
      local.push(atA - start);
      cross.push(atB - start);
      await new Promise((r) => setTimeout(r, PAUSE_MS));
    }
    return [
      {
        name: 'province.live.cross-process.p99',
        value: round(quantile(cross, 0.99), 1),
        unit: 'ms',
        goal: '< 1000',
        better: 'lower',
        baseline:
          `console on process A (the one synced to): p99 ${round(quantile(local, 0.99), 1)} ms; ` +
          `p50 ${round(quantile(cross, 0.5), 1)} ms vs ${round(quantile(local, 0.5), 1)} ms; ${SYNCS} syncs, ` +
          `Today feed debounce 100 ms included in both`,
      },
    ];
  } finally {
    await Promise.all(streams.map((s) => s.cancel()));
    await Promise.all(servers.map((s) => s.stop()));
    await db.cleanup();
  }
}
