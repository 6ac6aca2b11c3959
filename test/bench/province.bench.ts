// One province on one PostgreSQL database served by two `hailong server` processes (issue 13 §3).
// How the data gets there: 100 centres × 10 kiosks are set up through the admin API (a counter,
// its service and an officer each) and enrolled with one-time codes, then sync through
// POST /api/v1/sync (kiosk-load.ts). The year of 10,000,000 ratings is written in bulk by SQL
// (province-fill.ts); its first 1,000 ratings go through the kiosks' sync instead and must equal,
// column for column, what the bulk SQL writes for them, and `hailong server reconcile` must find
// the aggregates equal to the base rows.
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import pg from 'pg';
import { runCli, startCliServer, type CliServer } from '../support/cli-server.ts';
import { call, remoteLogin } from '../support/remote-server.ts';
import { freshDatabase } from '../integration/server/support.ts';
import { quantile, round, type Figure } from './figure.ts';
import {
  enrolProvince,
  firstSyncs,
  provinceCentres,
  runKioskLoad,
  type ProvinceCentre,
  type SimulatedKiosk,
} from './kiosk-load.ts';
import { bulkFillYear, compareSample, provinceYear, sampleThroughIngest, type ProvinceYear } from './province-fill.ts';
import { procMemoryMb } from '../support/proc-memory.ts';

const PASSWORD = 'mat-khau-do-hieu-nang';
/** HAILONG_BENCH_PROVINCE_CENTRES lowers it while working on the bench. */
const CENTRES = Number(process.env.HAILONG_BENCH_PROVINCE_CENTRES ?? 100);
const KIOSKS_PER_CENTRE = 10;
const PERIOD_MS = 5_000;
const MEASURED_ROUNDS = 12;
const ALONE_SYNCS = 100;
/** A province's year; HAILONG_BENCH_PROVINCE_RATINGS lowers it while working on the bench. */
const YEAR_RATINGS = Number(process.env.HAILONG_BENCH_PROVINCE_RATINGS ?? 10_000_000);
const SAMPLE_RATINGS = 1_000;
const REPORT_RUNS = 7;

const progress = (message: string) => console.error(`[province] ${message}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ms = (samples: readonly number[], q: number) => round(quantile(samples, q), 1);

interface Province {
  servers: CliServer[];
  admin: string;
  kiosks: SimulatedKiosk[];
  centres: ProvinceCentre[];
  firstClass: boolean;
  databaseUrl: string;
}

/** The sync figure and the servers' memory under 1,000 kiosks, beside one kiosk alone. */
async function syncUnderProvinceLoad(p: Province): Promise<Figure[]> {
  const alone = p.kiosks[0]!;
  await alone.sync(alone.servedAndRated()); // warm-up
  const aloneSamples: number[] = [];
  for (let i = 0; i < ALONE_SYNCS; i += 1) {
    aloneSamples.push(await alone.sync(alone.servedAndRated()));
    await sleep(50);
  }
  progress(`one kiosk alone: p99 ${ms(aloneSamples, 0.99)} ms`);

  const idleRss = p.servers.map((s) => procMemoryMb(s.pid));
  const peakRss = [...idleRss];
  const sampler = setInterval(() => {
    p.servers.forEach((s, i) => (peakRss[i] = Math.max(peakRss[i]!, procMemoryMb(s.pid))));
  }, 250);
  // The generator's own event loop: if it lags, the latencies it measures include that lag.
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  progress(`${p.kiosks.length} kiosks, one sync each ${PERIOD_MS / 1000} s, ${MEASURED_ROUNDS} measured rounds`);
  const load = await runKioskLoad(p.kiosks, { periodMs: PERIOD_MS, warmRounds: 1, rounds: MEASURED_ROUNDS }).finally(
    () => {
      clearInterval(sampler);
      lag.disable();
    },
  );
  // VmHWM: the kernel's own peak, which a 250 ms sampler could miss.
  const hwm = p.servers.map((s, i) => Math.max(peakRss[i]!, procMemoryMb(s.pid, 'VmHWM')));
  progress(`load: p99 ${ms(load.latencies, 0.99)} ms over ${load.latencies.length} syncs`);
  const centres = p.firstClass ? `${p.centres.length} centres` : `1 centre (server without centres yet)`;
  const how =
    `${p.kiosks.length} kiosks enrolled with one-time codes (${centres}), spread over 2 server processes on one ` +
    `PostgreSQL; 5 events per sync (a ticket issued, called, started, finished, rated)`;
  return [
    {
      name: 'province.sync.p99-1000-kiosks',
      value: ms(load.latencies, 0.99),
      unit: 'ms',
      goal: '< 200',
      better: 'lower',
      baseline:
        `one kiosk alone, same batches, same servers: p99 ${ms(aloneSamples, 0.99)} ms, p50 ${ms(aloneSamples, 0.5)} ms ` +
        `(${ALONE_SYNCS} syncs); under load p50 ${ms(load.latencies, 0.5)} ms, max ${ms(load.latencies, 1)} ms, ` +
        `${load.latencies.length} syncs measured in ${round(load.seconds, 0)} s (${round(load.latencies.length / load.seconds, 0)}/s ` +
        `against ${round(p.kiosks.length / (PERIOD_MS / 1000), 0)}/s planned), ${load.lateSlots} sent after their slot, ` +
        `${load.unsent} not sent by the time bound; load generator's event-loop delay p99 ${round(lag.percentile(99) / 1e6, 1)} ms; ${how}`,
    },
    {
      name: 'province.server.rss',
      value: round(Math.max(...hwm), 1),
      unit: 'MB',
      goal: '< 400',
      better: 'lower',
      baseline:
        `peak resident memory (VmHWM) of each process: ${hwm.map((m) => round(m, 1)).join(' MB, ')} MB; ` +
        `before the load: ${idleRss.map((m) => round(m, 1)).join(' MB, ')} MB; the compiled \`hailong server\`, ` +
        `database holding the year's ${YEAR_RATINGS.toLocaleString('en')} ratings`,
    },
  ];
}

/** The year in the database, proved equal to the ingest path; returns how. */
async function fillYear(p: Province, year: ProvinceYear): Promise<string> {
  progress(`${SAMPLE_RATINGS} ratings of the year through POST /api/v1/sync`);
  await sampleThroughIngest(year, p.kiosks, SAMPLE_RATINGS);
  const client = new pg.Client({ connectionString: p.databaseUrl });
  await client.connect();
  try {
    const sample = await compareSample(client, year, p.kiosks, SAMPLE_RATINGS);
    if (sample.ingested !== SAMPLE_RATINGS || sample.onlyIngested > 0 || sample.onlyBulk > 0) {
      throw new Error(`the bulk SQL differs from the ingest path: ${JSON.stringify(sample)}`);
    }
    const started = performance.now();
    await bulkFillYear(client, year, p.kiosks, SAMPLE_RATINGS, (done) => progress(`bulk: ${done} ratings`));
    progress(`bulk fill: ${round((performance.now() - started) / 1000, 0)} s`);
  } finally {
    await client.end();
  }
  const reconcileStarted = performance.now();
  const reconciled = await runCli(['server', 'reconcile', '--database-url', p.databaseUrl]);
  const reconcileS = round((performance.now() - reconcileStarted) / 1000, 0);
  const agreed = reconciled.code === 0 && reconciled.stdout.includes('khớp');
  // Differences are a failure of the fill; a reconcile that could not finish (memory, at this
  // size) is said in the figure, the sample check still standing.
  if (!agreed && reconciled.stdout.includes('khác dữ liệu gốc')) {
    throw new Error(`reconcile found differences: ${reconciled.stdout.slice(-500)}`);
  }
  const reconcile = agreed
    ? `\`hailong server reconcile\` on the filled database: aggregates equal to the base rows (${reconcileS} s)`
    : `\`hailong server reconcile\` did not finish (exit ${reconciled.code}: ${reconciled.stderr.trim().slice(-120)})`;
  progress(reconcile);
  return (
    `${year.ratings.toLocaleString('en')} ratings over the ${year.days.length} working days ${year.from}..${year.to}; ` +
    `${SAMPLE_RATINGS} through POST /api/v1/sync, equal column for column to the same ratings written by the bulk ` +
    `SQL; the rest by generate_series into ratings, rating_daily and counter_daily; ${reconcile}`
  );
}

/**
 * Which report a scope reads. THE SWITCH for issue 13 §1: with centres, one centre's report is
 * `?centre=<code>` and the province's `?scope=province`; today's server has one centre, whose
 * report is all rows, so both scopes read the same report (and the same raw rows).
 */
function reportScope(p: Province, scope: 'centre' | 'province') {
  const centre = p.centres[0]!;
  if (!p.firstClass) return { query: '', officers: null, what: 'the one centre = every row' };
  if (scope === 'province') return { query: '&scope=province', officers: null, what: `${p.centres.length} centres` };
  const officers = p.kiosks.filter((k) => k.centre === centre).map((k) => k.staff.officerId);
  return { query: `&centre=${centre.code}`, officers, what: `centre ${centre.code}` };
}

async function timeReport(p: Province, year: ProvinceYear, query: string): Promise<number[]> {
  const path = `/api/v1/reports/phu-luc-2?from=${year.from}&to=${year.to}${query}`;
  const samples: number[] = [];
  for (let i = 0; i <= REPORT_RUNS; i += 1) {
    const started = performance.now();
    const res = await call(p.servers[0]!.url, 'GET', path, { token: p.admin });
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    if (i > 0) samples.push(performance.now() - started); // the first warms the caches
  }
  return samples;
}

/** The raw GROUP BY of the same rows (the ratings themselves, not the daily table). */
async function timeRawGroupBy(p: Province, year: ProvinceYear, officers: string[] | null): Promise<number[]> {
  const client = new pg.Client({ connectionString: p.databaseUrl });
  await client.connect();
  try {
    const samples: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const started = performance.now();
      await client.query(
        `SELECT officer_id, agency_id, level, misuse, count(*) FROM ratings
         WHERE day >= $1 AND day <= $2 AND ($3::text[] IS NULL OR officer_id = ANY($3::text[]))
         GROUP BY officer_id, agency_id, level, misuse`,
        [year.from, year.to, officers],
      );
      samples.push(performance.now() - started);
    }
    return samples;
  } finally {
    await client.end();
  }
}

async function phuLuc2Figures(p: Province, year: ProvinceYear, filled: string): Promise<Figure[]> {
  const figures: Figure[] = [];
  const goals = { centre: '< 100', province: '< 1000' };
  for (const scope of ['centre', 'province'] as const) {
    const { query, officers, what } = reportScope(p, scope);
    progress(`Phụ lục 2, ${scope}`);
    const report = await timeReport(p, year, query);
    const raw = await timeRawGroupBy(p, year, officers);
    figures.push({
      name: `province.phu-luc-2.${scope}`,
      value: ms(report, 0.5),
      unit: 'ms',
      goal: goals[scope],
      better: 'lower',
      baseline:
        `raw GROUP BY of the same ratings rows on PostgreSQL: median ${ms(raw, 0.5)} ms (3 runs); report median of ` +
        `${REPORT_RUNS} over HTTP (JSON), max ${ms(report, 1)} ms; ${what}; ${filled}`,
    });
  }
  return figures;
}

export async function benchProvince(): Promise<Figure[]> {
  const db = await freshDatabase('postgres');
  const servers: CliServer[] = [];
  try {
    const databaseUrl = db.options.databaseUrl!;
    const env = { HAILONG_ADMIN_PASSWORD: PASSWORD };
    for (let i = 0; i < 2; i += 1) {
      servers.push(await startCliServer(['--database-url', databaseUrl], env, 0, { compiled: true }));
    }
    const { token: admin } = await remoteLogin(servers[0]!.url, 'admin', PASSWORD);
    const { centres, firstClass } = await provinceCentres(servers[0]!.url, admin, CENTRES);
    progress(`enrolling ${CENTRES * KIOSKS_PER_CENTRE} kiosks (${firstClass ? 'first-class centres' : 'one centre'})`);
    const started = performance.now();
    const kiosks = await enrolProvince(
      servers.map((s) => s.url),
      admin,
      centres,
      KIOSKS_PER_CENTRE,
      firstClass,
      (n) => progress(`${n} kiosks enrolled, ${round((performance.now() - started) / 1000, 0)} s`),
    );
    progress(`enrolled in ${round((performance.now() - started) / 1000, 0)} s`);
    progress(`first syncs (configuration download)`);
    const online = performance.now();
    await firstSyncs(kiosks);
    progress(`first syncs done in ${round((performance.now() - online) / 1000, 0)} s`);
    const p: Province = { servers, admin, kiosks, centres, firstClass, databaseUrl };
    const year = provinceYear(new Date(), YEAR_RATINGS);
    const filled = await fillYear(p, year);
    const sync = await syncUnderProvinceLoad(p);
    return [...sync, ...(await phuLuc2Figures(p, year, filled))];
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await db.cleanup();
  }
}
