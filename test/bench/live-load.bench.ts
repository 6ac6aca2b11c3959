// The live pages at a real day's load (issue 12 §1). How the data gets there: a real server
// (SQLite) set up through its HTTP API without --demo (50 counters, one service and one officer
// each), 50 kiosks enrolled with one-time codes, and the day's 40,000 ticket events sent through
// POST /api/v1/sync over loopback HTTP in the kiosks' own batches: the same ingest path, the same
// projections, as a real centre. The live traffic is kiosks' sync requests (the kiosk cores are
// not run: 20 cores with their own SQLite would measure this 2-core machine, not the server).
import { setMaxListeners } from 'node:events';
import { get as httpGet } from 'node:http';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import type { CentreServer } from '../integration/queue/centre-support.ts';
import { startCentre } from '../integration/queue/centre-support.ts';
import { enrollDevice } from '../integration/server/support.ts';
import { vietnamDay, vietnamDayRange } from '../../shared/domain/vietnam-time.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/e2e-kiosk.ts';
import { figureWanted, quantile, round, type Figure } from './figure.ts';

const COUNTERS = 50;
const TICKETS_PER_COUNTER = 200;
/** What a kiosk's outbox sends in one request. */
const SYNC_BATCH = 200;
const LIVE_KIOSKS = 20;
const SYNC_EVERY_MS = 2_000;
const CONSOLES = 10;
const BOARDS = 10;

const verbose = process.env.BENCH_VERBOSE === '1';
const progress = (message: string) => {
  if (verbose) console.error(`live-load: ${message}`);
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One counter kiosk: its device token, its counter and officer, and the events it made. */
class CounterKiosk {
  private seq = 0;
  private next: number;
  readonly counterId: string;
  readonly officerId: string;
  readonly serviceId: string;

  constructor(
    readonly counter: number,
    readonly token: string,
    private readonly agencyId: string,
  ) {
    this.counterId = `q-${counter}`;
    this.officerId = `cb-${counter}`;
    this.serviceId = `dv-${counter}`;
    this.next = 1001;
  }

  private base(type: string, ms: number) {
    this.seq += 1;
    return { id: uuidv7(), seq: this.seq, type, occurredAt: new Date(ms).toISOString() };
  }

  signIn(ms: number) {
    const { counterId, officerId, agencyId } = this;
    return [{ ...this.base('officer.signed_in', ms), counterId, officerId, agencyId }];
  }

  /** A ticket through its day: issued, and as far as `upTo` goes (called, started, finished). */
  ticket(ms: number, upTo: 'issued' | 'called' | 'finished'): { number: string; events: object[] } {
    const { counterId, officerId, agencyId, serviceId } = this;
    const ticketId = uuidv7();
    const number = String(this.next);
    this.next += 1;
    const events: object[] = [{ ...this.base('ticket.issued', ms), ticketId, number, serviceId, counterId }];
    if (upTo === 'issued') return { number, events };
    const called = ms + 1_000;
    events.push({ ...this.base('ticket.called', called), ticketId, counterId, officerId, agencyId });
    if (upTo === 'called') return { number, events };
    events.push({ ...this.base('ticket.started', ms + 2_000), ticketId, counterId, officerId, agencyId });
    events.push({
      ...this.base('ticket.finished', ms + 3_000),
      ticketId,
      number,
      serviceId,
      counterId,
      officerId,
      agencyId,
      issuedAt: new Date(ms).toISOString(),
      calledAt: new Date(called).toISOString(),
      startedAt: new Date(ms + 2_000).toISOString(),
    });
    return { number, events };
  }
}

export interface RealDay {
  centre: CentreServer;
  kiosks: CounterKiosk[];
  events: number;
}

/** The configuration version kiosks hold: as a kiosk does, it is sent so the answer omits the configuration. */
let configVersion: number | undefined;

async function postSync(url: string, token: string, events: readonly object[]): Promise<void> {
  const response = await fetch(`${url}/api/v1/sync`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      deviceTime: new Date().toISOString(),
      events,
      ...(configVersion === undefined ? {} : { configVersion }),
    }),
  });
  const body = (await response.json()) as { rejected?: unknown[]; configVersion?: number };
  if (response.status !== 200 || (body.rejected?.length ?? 0) > 0) {
    throw new Error(`sync refused (${response.status}): ${JSON.stringify(body).slice(0, 300)}`);
  }
  configVersion = body.configVersion;
}

/**
 * 50 counters × 200 tickets today (≈ 40,000 events), every ticket issued, called, started and
 * finished but the last two of each counter (one being called, one waiting).
 */
export async function realDay(): Promise<RealDay> {
  const services = Array.from({ length: COUNTERS }, (_, i) => ({
    id: `dv-${i + 1}`,
    name: `Dịch vụ quầy ${i + 1}`,
    counterIds: [`q-${i + 1}`],
    start: 1001,
  }));
  const centre = await startCentre('sqlite', { counters: COUNTERS, services });
  const agencies = (await (
    await fetch(`${centre.url}/api/v1/agencies`, { headers: { authorization: `Bearer ${centre.admin}` } })
  ).json()) as Array<{ id: string; name: string }>;
  const agencyId = agencies.find((a) => a.name === 'Sở Tư pháp')?.id ?? agencies[0]!.id;
  const kiosks: CounterKiosk[] = [];
  for (let c = 1; c <= COUNTERS; c += 1) {
    const device = await enrollDevice(centre.app, centre.admin, `Kiosk quầy ${c}`);
    kiosks.push(new CounterKiosk(c, device.token, agencyId));
  }
  // The day so far: from the opening (or 8 hours ago) to a minute ago, Vietnam time.
  const now = Date.now();
  const opening = Math.max(
    vietnamDayRange(vietnamDay(new Date(now)), vietnamDay(new Date(now))).start.getTime(),
    now - 8 * 3_600_000,
  );
  const span = now - 60_000 - opening;
  let events = 0;
  for (const kiosk of kiosks) {
    const day: object[] = kiosk.signIn(opening);
    for (let t = 0; t < TICKETS_PER_COUNTER; t += 1) {
      const ms = opening + Math.floor(((t + 0.5) / TICKETS_PER_COUNTER) * (span - 10_000));
      const upTo = t < TICKETS_PER_COUNTER - 2 ? 'finished' : t === TICKETS_PER_COUNTER - 2 ? 'called' : 'issued';
      day.push(...kiosk.ticket(ms, upTo).events);
    }
    for (let i = 0; i < day.length; i += SYNC_BATCH)
      await postSync(centre.url, kiosk.token, day.slice(i, i + SYNC_BATCH));
    events += day.length;
    if (kiosk.counter % 10 === 0) progress(`${events} events synced`);
  }
  return { centre, kiosks, events };
}

async function timeGet(url: string, token?: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
  return performance.now() - started;
}

/** The Today page's JSON over HTTP, beside a SELECT of one projection row by its key. */
async function todayAtFullDay(day: RealDay): Promise<Figure[]> {
  const { centre } = day;
  const today: number[] = [];
  const oneCentre: number[] = [];
  const board: number[] = [];
  const select: number[] = [];
  const anyTicket = await centre.app.hailong.db
    .selectFrom('queue_tickets')
    .select('ticket_id')
    .executeTakeFirstOrThrow();
  for (let i = 0; i < 220; i += 1) {
    const t = await timeGet(`${centre.url}/api/v1/console/today`, centre.admin);
    // The same page narrowed to one centre (issue 13): what a centre's supervisor reads.
    const c = await timeGet(`${centre.url}/api/v1/console/today?centre=TT01`, centre.admin);
    const b = await timeGet(`${centre.url}/api/v1/board/calls`);
    const started = performance.now();
    await centre.app.hailong.db
      .selectFrom('queue_tickets')
      .selectAll()
      .where('ticket_id', '=', anyTicket.ticket_id)
      .executeTakeFirst();
    const s = performance.now() - started;
    // The first runs warm the caches and the JIT.
    if (i < 20) continue;
    today.push(t);
    oneCentre.push(c);
    board.push(b);
    select.push(s);
  }
  const baseline = `SELECT of one queue_tickets row by key (Kysely, same process): p99 ${round(quantile(select, 0.99), 2)} ms`;
  const filled = `${day.events} events today, filled through POST /api/v1/sync`;
  return [
    {
      name: 'console.today.p99-at-40k-events',
      value: round(quantile(today, 0.99), 1),
      unit: 'ms',
      goal: '< 50',
      better: 'lower',
      baseline: `${baseline}; GET /api/v1/console/today over HTTP, 200 requests, p50 ${round(quantile(today, 0.5), 1)} ms; ${filled}`,
    },
    {
      name: 'console.today.one-centre.p99-at-40k-events',
      value: round(quantile(oneCentre, 0.99), 1),
      unit: 'ms',
      goal: '< 50',
      better: 'lower',
      baseline: `${baseline}; GET /api/v1/console/today?centre=TT01 over HTTP, 200 requests, p50 ${round(quantile(oneCentre, 0.5), 1)} ms; ${filled}`,
    },
    {
      name: 'board.calls.p99-at-40k-events',
      value: round(quantile(board, 0.99), 1),
      unit: 'ms',
      goal: '< 50',
      better: 'lower',
      baseline: `${baseline}; GET /api/v1/board/calls over HTTP, 200 requests; ${filled}`,
    },
  ];
}

/**
 * Opens a server-sent-event stream and reads it to the end, as a browser tab would, from its own
 * loopback address (127.0.0.x): each TV or console of a centre is its own machine, and the board
 * limits the streams one address may hold.
 */
function holdStream(url: string, token: string | null, from: string, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const request = httpGet(
      url,
      { localAddress: from, signal, headers: token ? { authorization: `Bearer ${token}` } : {} },
      (response) => {
        if (response.statusCode !== 200) {
          response.resume();
          reject(new Error(`${url}: ${response.statusCode}`));
          return;
        }
        response.resume();
        response.on('end', resolve);
        response.on('close', resolve);
        response.on('error', () => resolve());
      },
    );
    request.on('error', (error) => (signal.aborted ? resolve() : reject(error)));
  });
}

/** 50-event batches (a kiosk after a short outage): timed on an idle server, then with 10 consoles and 10 boards open. */
export async function syncUnderLiveLoad(day: RealDay): Promise<Figure[]> {
  const { centre, kiosks } = day;
  const batch = (i: number) => {
    const kiosk = kiosks[i % kiosks.length]!;
    const events: object[] = [];
    const start = Date.now() - 50_000;
    // 12 tickets through their service, and one called: 50 events, the board announces the call.
    for (let t = 0; t < 12; t += 1) events.push(...kiosk.ticket(start + t * 4_000, 'finished').events);
    events.push(...kiosk.ticket(start + 48_000, 'called').events);
    return { kiosk, events };
  };
  const run = async (from: number): Promise<number[]> => {
    const samples: number[] = [];
    for (let i = from; i < from + 110; i += 1) {
      const { kiosk, events } = batch(i);
      const started = performance.now();
      await postSync(centre.url, kiosk.token, events);
      if (i >= from + 10) samples.push(performance.now() - started);
      // Batches arrive a little apart, as 50 kiosks' do; the live pages recompute in between.
      await sleep(150);
    }
    return samples;
  };
  const idle = await run(0);
  progress(`idle p99 ${round(quantile(idle, 0.99), 1)} ms`);
  const abort = new AbortController();
  // One signal ends all 20 streams.
  setMaxListeners(CONSOLES + BOARDS + 5, abort.signal);
  const streams: Promise<void>[] = [];
  for (let i = 0; i < CONSOLES; i += 1) {
    streams.push(
      holdStream(`${centre.url}/api/v1/console/today/stream`, centre.admin, `127.0.0.${10 + i}`, abort.signal),
    );
  }
  for (let i = 0; i < BOARDS; i += 1) {
    streams.push(holdStream(`${centre.url}/api/v1/board/stream`, null, `127.0.0.${30 + i}`, abort.signal));
  }
  await sleep(1_000);
  try {
    const live = await run(1_000);
    return [
      {
        name: 'sync.p99-under-live-load',
        value: round(quantile(live, 0.99), 1),
        unit: 'ms',
        goal: '< 100',
        better: 'lower',
        baseline: `the same 50-event batches on the idle server (no page open): p99 ${round(quantile(idle, 0.99), 1)} ms; under load p50 ${round(quantile(live, 0.5), 1)} ms; 100 batches each, ${CONSOLES} Today streams + ${BOARDS} board streams open, the day holding ${day.events}+ events filled through POST /api/v1/sync`,
      },
    ];
  } finally {
    abort.abort();
    await Promise.all(streams);
  }
}

/**
 * Records when each board entry (its aria-label) first appears, in the frame that paints it.
 * A string, not a function: the bench runs through tsx, whose helpers do not exist in the page.
 */
const RECORD_PAINTS = `(() => {
  const seen = {};
  window.seenAt = seen;
  const scan = () => {
    for (const el of document.querySelectorAll('[aria-label]')) {
      const label = el.getAttribute('aria-label');
      if (seen[label] === undefined) {
        seen[label] = -1;
        requestAnimationFrame(() => { seen[label] = Date.now(); });
      }
    }
  };
  new MutationObserver(scan).observe(document.body, { subtree: true, childList: true, attributes: true });
  scan();
})()`;

/**
 * A call synced by one of 20 kiosks that each sync every 2 s (with their own traffic), until the
 * board open in Chromium shows it: timed from the start of the sync request carrying the call to
 * the animation frame after the board's element for it appeared.
 */
async function boardCallToScreen(day: RealDay): Promise<Figure[]> {
  const { centre, kiosks } = day;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const live = kiosks.slice(0, LIVE_KIOSKS);
  let running = true;
  const traffic: Promise<void>[] = [];
  const trips: number[] = [];
  const pendingCalls = new Map<CounterKiosk, { label: string; events: object[] }>();
  const sentAt = new Map<string, number>();
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${centre.url}/board`);
    await page.getByRole('list').first().waitFor();
    // Records when each board entry first appears, in the frame that paints it.
    await page.evaluate(RECORD_PAINTS);
    for (const [index, kiosk] of live.entries()) {
      traffic.push(
        (async () => {
          await sleep((index * SYNC_EVERY_MS) / LIVE_KIOSKS);
          while (running) {
            const tick = Date.now();
            const events: object[] = [...kiosk.ticket(tick - 10_000, 'finished').events];
            const call = pendingCalls.get(kiosk);
            if (call) {
              pendingCalls.delete(kiosk);
              events.push(...call.events);
              sentAt.set(call.label, Date.now());
            }
            const started = performance.now();
            await postSync(centre.url, kiosk.token, events);
            trips.push(performance.now() - started);
            await sleep(Math.max(0, SYNC_EVERY_MS - (Date.now() - tick)));
          }
        })(),
      );
    }
    // One call at a time, on the next sync of a kiosk, until 60 calls were shown.
    const samples: number[] = [];
    for (let i = 0; i < 60; i += 1) {
      const kiosk = live[i % live.length]!;
      const { number, events } = kiosk.ticket(Date.now() - 5_000, 'called');
      const label = `Quầy ${kiosk.counter}: số ${number}`;
      pendingCalls.set(kiosk, { label, events });
      const deadline = Date.now() + 15_000;
      for (;;) {
        const shown = await page.evaluate(`window.seenAt[${JSON.stringify(label)}]`);
        const sent = sentAt.get(label);
        if (typeof shown === 'number' && shown > 0 && sent !== undefined) {
          samples.push(shown - sent);
          break;
        }
        if (Date.now() > deadline) throw new Error(`${label} never reached the board`);
        await sleep(20);
      }
    }
    return [
      {
        name: 'board.call-to-screen.p99',
        value: round(quantile(samples, 0.99), 0),
        unit: 'ms',
        goal: '< 1000',
        better: 'lower',
        baseline: `a sync request of one of the ${LIVE_KIOSKS} kiosks alone (the same traffic): p99 ${round(quantile(trips, 0.99), 1)} ms; call-to-screen p50 ${round(quantile(samples, 0.5), 0)} ms; ${samples.length} calls, from the sync carrying the call to the frame painting it in headless Chromium; ${COUNTERS} counters, ${LIVE_KIOSKS} kiosks syncing every 2 s; the day holding ${day.events}+ events filled through POST /api/v1/sync`,
      },
    ];
  } finally {
    running = false;
    await Promise.all(traffic).catch(() => undefined);
    await browser.close();
  }
}

export async function benchLiveLoad(): Promise<Figure[]> {
  const day = await realDay();
  progress(`day filled: ${day.events} events`);
  try {
    const figures: Figure[] = [];
    if (
      figureWanted('console.today.p99-at-40k-events') ||
      figureWanted('console.today.one-centre.p99-at-40k-events') ||
      figureWanted('board.calls.p99-at-40k-events')
    ) {
      figures.push(...(await todayAtFullDay(day)));
      progress('today measured');
    }
    if (figureWanted('sync.p99-under-live-load')) {
      figures.push(...(await syncUnderLiveLoad(day)));
      progress('sync under load measured');
    }
    if (figureWanted('board.call-to-screen.p99')) figures.push(...(await boardCallToScreen(day)));
    return figures;
  } finally {
    await day.centre.close();
  }
}
