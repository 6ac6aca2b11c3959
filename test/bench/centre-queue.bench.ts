// The centre-wide queue (issue 8 §6). How the data gets there: a real server (SQLite) set up
// through its HTTP API on 127.0.0.1, kiosk cores enrolled to it with one-time codes, each with
// its own SQLite, talking over real loopback HTTP (sync, held queue stream, claims).
import type { CentreKiosk, CentreLayout, CentreServer } from '../integration/queue/centre-support.ts';
import { Network, enrolKiosk, startCentre, until } from '../integration/queue/centre-support.ts';
import { quantile, round, type Figure } from './figure.ts';

const verbose = process.env.BENCH_VERBOSE === '1';
const progress = (message: string) => {
  if (verbose) console.error(`centre-queue: ${message}`);
};

const COUNTERS_FOR_CONSOLE = 19;
const TICKETS_FOR_CONSOLE = 200;

function layout(counters: number, servicesPerCounter: number): CentreLayout {
  const services: CentreLayout['services'] = [];
  for (let c = 1; c <= counters; c += 1) {
    for (let s = 0; s < servicesPerCounter; s += 1) {
      services.push({ id: `dv-${c}-${s}`, name: `Dịch vụ ${s + 1} quầy ${c}`, counterIds: [`q-${c}`], start: 1001 });
    }
  }
  return { counters, services };
}

/** Resolves when `check` holds after one of the kiosk's own state publications. */
function whenShown(kiosk: CentreKiosk, check: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (check()) return resolve();
    const stop = kiosk.core.onStateChanged(() => {
      if (check()) {
        stop();
        resolve();
      }
    });
  });
}

/** Entrance → officer console of the target counter, 20 kiosks (1 entrance + 19 counters). */
async function entranceToConsole(): Promise<Figure[]> {
  const centre = await startCentre('sqlite', layout(COUNTERS_FOR_CONSOLE, 1));
  const network = new Network();
  const kiosks: CentreKiosk[] = [];
  try {
    const entrance = await enrolKiosk(centre, network, 'Kiosk sảnh', 'entrance', null);
    kiosks.push(entrance);
    for (let c = 1; c <= COUNTERS_FOR_CONSOLE; c += 1) {
      kiosks.push(await enrolKiosk(centre, network, `Kiosk quầy ${c}`, 'counter', `q-${c}`));
    }
    progress('20 kiosks enrolled');
    await until(() => kiosks.slice(1).every((k) => k.core.queueStream.connected), 'streams open', 30_000);
    progress('streams open');
    const samples: number[] = [];
    for (let i = 0; i < TICKETS_FOR_CONSOLE; i += 1) {
      const c = (i % COUNTERS_FOR_CONSOLE) + 1;
      const target = kiosks[c]!;
      const started = performance.now();
      const ticket = await entrance.core.handlers['queue:takeNumber']({ serviceId: `dv-${c}-0` });
      await whenShown(target, () =>
        target.core.queue.officerView(`q-${c}`).waiting.some((t) => t.ticketId === ticket.ticketId),
      );
      samples.push(performance.now() - started);
      if (i % 50 === 0) progress(`ticket ${i}: ${Math.round(samples.at(-1)!)} ms`);
    }
    // Baseline: one sync round trip of the entrance (an exchange with nothing to send).
    const trips: number[] = [];
    for (let i = 0; i < 50; i += 1) {
      const started = performance.now();
      await entrance.core.sync.syncNow();
      trips.push(performance.now() - started);
    }
    return [
      {
        name: 'queue.entrance-to-console.p99',
        value: round(quantile(samples, 0.99)),
        unit: 'ms',
        goal: '< 1000',
        better: 'lower',
        baseline: `one sync round trip p99 ${round(quantile(trips, 0.99))} ms (median ${round(quantile(trips, 0.5))} ms); ${TICKETS_FOR_CONSOLE} tickets, 20 kiosks on loopback, pushed by the held stream`,
      },
    ];
  } finally {
    for (const kiosk of kiosks) kiosk.close();
    await centre.close();
  }
}

const MERGE_TICKETS = 2_000;
const PARTITION_MS = 30 * 60_000;

/**
 * 2,000 tickets on 4 kiosks (entrance + 3 counters, 10 services each) while every kiosk is cut
 * off for 30 minutes of kiosk clock (an injected clock), then the time from mending the network
 * to every queue converged: outboxes delivered, every counter's replica at the end of the feed.
 */
async function mergeAfterPartition(partitioned: boolean): Promise<number> {
  const centre: CentreServer = await startCentre('sqlite', layout(3, 10));
  let clockMs = Date.now();
  const now = () => new Date(clockMs);
  const networks = [0, 1, 2, 3].map(() => new Network());
  const kiosks: CentreKiosk[] = [];
  try {
    kiosks.push(await enrolKiosk(centre, networks[0]!, 'Kiosk sảnh', 'entrance', null, now));
    for (const c of [1, 2, 3])
      kiosks.push(await enrolKiosk(centre, networks[c]!, `Kiosk quầy ${c}`, 'counter', `q-${c}`, now));
    await until(() => kiosks.slice(1).every((k) => k.core.queueStream.connected), 'streams open', 30_000);
    progress(`merge (${partitioned ? 'partitioned' : 'online'}): kiosks ready`);
    if (partitioned) for (const n of networks) n.cut();
    const step = PARTITION_MS / MERGE_TICKETS;
    for (let i = 0; i < MERGE_TICKETS; i += 1) {
      const k = i % 4;
      const j = Math.floor(i / 4);
      // Each counter issues its 10 services evenly (50 each: one leased block, held before the
      // cut); the entrance spreads over all 30.
      const c = k === 0 ? (j % 3) + 1 : k;
      const s = k === 0 ? Math.floor(j / 3) % 10 : j % 10;
      await kiosks[k]!.core.handlers['queue:takeNumber']({ serviceId: `dv-${c}-${s}` });
      clockMs += step;
      if (i % 500 === 0) progress(`issued ${i}`);
    }
    progress('all issued');
    const started = performance.now();
    if (partitioned) for (const n of networks) n.heal();
    for (const kiosk of kiosks) kiosk.core.sync.requestSync();
    await until(() => kiosks.every((k) => k.core.sync.status().pending === 0), 'outboxes delivered', 120_000);
    progress('outboxes delivered');
    const db = centre.app.hailong.db;
    const end = await db
      .selectFrom('queue_feed')
      .select((eb) => eb.fn.max<number | string | null>('seq').as('m'))
      .executeTakeFirst();
    const feedEnd = Number(end?.m ?? 0);
    await until(
      () => kiosks.slice(1).every((k) => k.core.queueStream.cursor() >= feedEnd),
      'replicas caught up',
      120_000,
    );
    const elapsed = performance.now() - started;
    const rows = await db
      .selectFrom('queue_tickets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    if (Number(rows?.n) !== MERGE_TICKETS)
      throw new Error(`server holds ${rows?.n} tickets, expected ${MERGE_TICKETS}`);
    return elapsed;
  } finally {
    for (const kiosk of kiosks) kiosk.close();
    await centre.close();
  }
}

export async function benchCentreQueue(): Promise<Figure[]> {
  const figures = await entranceToConsole();
  const baseline = await mergeAfterPartition(false);
  const merged = await mergeAfterPartition(true);
  figures.push({
    name: 'queue.merge-after-partition',
    value: round(merged / 1000),
    unit: 's',
    goal: '< 10',
    better: 'lower',
    baseline: `the same ${MERGE_TICKETS} tickets issued with no partition settle ${round(baseline / 1000)} s after the last one; 4 kiosks, 30-minute partition on an injected kiosk clock, real server and loopback HTTP`,
  });
  return figures;
}
