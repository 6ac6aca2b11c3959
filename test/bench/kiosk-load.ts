// A load generator of counter kiosks (issue 13 §3): each simulated kiosk is enrolled with a one-time
// code and syncs through POST /api/v1/sync exactly as a kiosk's outbox does (its own device token,
// its own event sequence, the configuration version it holds). Kiosk cores are not run: a thousand
// of them with their own SQLite would measure this machine, not the server. Bounded in count and
// time, and loopback only, so it can never be pointed at someone else's server.
import { performance } from 'node:perf_hooks';
import { KioskEvents } from '../integration/console/console-fixtures.ts';
import { call, provisionCounter, remoteEnroll } from '../support/remote-server.ts';

export const MAX_KIOSKS = 2_000;
export const MAX_LOAD_MS = 5 * 60_000;
/** How long past its planned end a load may run before the kiosks stop. */
const STOP_GRACE_MS = 15_000;
/** Today's single centre numbers its counters 1–999 (CounterInputSchema). */
const MAX_COUNTER_NUMBER = 999;

/** Refuses anything but this machine: the generator is for benchmarks, not for load on real servers. */
export function assertLoopback(base: string): void {
  const host = new URL(base).hostname;
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(host)) throw new Error(`kiosk load is loopback only: ${base}`);
}

/**
 * One centre of the simulated province. `centreId` is set only when the server has first-class
 * centres (issue 13 §1); without them every simulated centre is the one centre the server holds.
 */
export interface ProvinceCentre {
  code: string;
  name: string;
  centreId?: string;
}

/**
 * The centres to simulate. THE SWITCH for issue 13 §1: a server that answers
 * `POST /api/v1/centres` gets `count` real centres (and every counter, officer and enrolment code
 * below carries its `centreId`); today's server answers 404 and all kiosks go to its one centre.
 */
export async function provinceCentres(
  base: string,
  admin: string,
  count: number,
): Promise<{ centres: ProvinceCentre[]; firstClass: boolean }> {
  const centres: ProvinceCentre[] = Array.from({ length: count }, (_, i) => ({
    code: `TT${String(i + 1).padStart(3, '0')}`,
    name: `Bộ phận Một cửa số ${i + 1}`,
  }));
  const probe = await call(base, 'POST', '/api/v1/centres', { token: admin, body: centres[0] });
  if (probe.status === 404) return { centres, firstClass: false };
  if (probe.status >= 300) throw new Error(`centre: ${probe.status} ${JSON.stringify(probe.body)}`);
  centres[0]!.centreId = (probe.body as { id: string }).id;
  for (const centre of centres.slice(1)) {
    const made = await call(base, 'POST', '/api/v1/centres', { token: admin, body: centre });
    if (made.status >= 300) throw new Error(`centre: ${made.status} ${JSON.stringify(made.body)}`);
    centre.centreId = (made.body as { id: string }).id;
  }
  return { centres, firstClass: true };
}

/** A kiosk as the server knows it, and its own event log (sequence, ticket numbers). */
export class SimulatedKiosk {
  readonly events: KioskEvents;
  configVersion: number | undefined;
  private nextNumber = 1001;
  private signedIn = false;

  constructor(
    readonly index: number,
    readonly centre: ProvinceCentre,
    readonly base: string,
    readonly deviceId: string,
    readonly token: string,
    readonly staff: { counterId: string; serviceId: string; officerId: string; agencyId: string },
  ) {
    this.events = new KioskEvents(staff.counterId, staff.officerId, staff.agencyId);
  }

  /** The officer's sign-in at the counter, sent before anything else the kiosk records. */
  signIn(at = new Date()): object[] {
    this.signedIn = true;
    return [this.events.signIn(at)];
  }

  /**
   * The small batch one sync carries: a citizen served in the last 5 seconds (issued, called,
   * started, finished) and the rating given at the end: 5 events (6 with the first sync's sign-in).
   */
  servedAndRated(now = Date.now()): object[] {
    const at = (secondsAgo: number) => new Date(now - secondsAgo * 1_000);
    const signIn = this.signedIn ? [] : this.signIn(at(5));
    const number = String(this.nextNumber);
    this.nextNumber += 1;
    const { ticketId, event: issued } = this.events.issue(number, this.staff.serviceId, at(4));
    const ticket = { ticketId, number, serviceId: this.staff.serviceId };
    return [
      ...signIn,
      issued,
      this.events.call(ticketId, at(3)),
      this.events.start(ticketId, at(2)),
      this.events.finish(ticket, { issuedAt: at(4), calledAt: at(3), startedAt: at(2), finishedAt: at(1) }),
      this.events.rate(this.nextNumber % 9 === 0 ? 'kha' : 'tot', { at: at(0), ticketId }),
    ];
  }

  /** One POST /api/v1/sync; resolves with its round trip in ms. Any refusal is an error. */
  async sync(events: readonly object[]): Promise<number> {
    const started = performance.now();
    const response = await fetch(`${this.base}/api/v1/sync`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        deviceTime: new Date().toISOString(),
        events,
        ...(this.configVersion === undefined ? {} : { configVersion: this.configVersion }),
      }),
    });
    const body = (await response.json()) as { rejected?: unknown[]; configVersion?: number };
    const elapsed = performance.now() - started;
    if (response.status !== 200 || (body.rejected?.length ?? 0) > 0) {
      throw new Error(`sync refused (${response.status}): ${JSON.stringify(body).slice(0, 300)}`);
    }
    this.configVersion = body.configVersion;
    return elapsed;
  }
}

/** Runs `jobs` with at most `width` in flight. */
async function inParallel<T>(count: number, width: number, job: (i: number) => Promise<T>): Promise<T[]> {
  const out = new Array<T>(count);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) out[i] = await job(i);
  };
  await Promise.all(Array.from({ length: Math.min(width, count) }, worker));
  return out;
}

/**
 * Sets up `kioskPerCentre` counters (each with a service and an officer) per centre through the
 * admin API and enrols one kiosk per counter with a one-time code. Kiosk i talks to
 * `bases[i % bases.length]`, as a reverse proxy would spread them over the server processes.
 */
export async function enrolProvince(
  bases: readonly string[],
  admin: string,
  centres: readonly ProvinceCentre[],
  kiosksPerCentre: number,
  firstClass: boolean,
  progress: (enrolled: number) => void = () => undefined,
): Promise<SimulatedKiosk[]> {
  const count = centres.length * kiosksPerCentre;
  if (count > MAX_KIOSKS) throw new Error(`at most ${MAX_KIOSKS} kiosks`);
  bases.forEach(assertLoopback);
  let enrolled = 0;
  const enrol = async (i: number, shares?: SimulatedKiosk): Promise<SimulatedKiosk> => {
    const centre = centres[Math.floor(i / kiosksPerCentre)]!;
    const local = (i % kiosksPerCentre) + 1;
    const base = bases[i % bases.length]!;
    const centreId = centre.centreId === undefined ? {} : { centreId: centre.centreId };
    // The 17 agencies every server starts with, in turn.
    const agencyId = `ag-${String((i % 17) + 1).padStart(2, '0')}`;
    const staff = shares
      ? { ...shares.staff, officerId: await addOfficer(base, admin, `Lê Văn Chung ${centre.code}-${local}`, agencyId) }
      : await provisionCounter(base, admin, {
          number: firstClass ? local : i + 1,
          key: `${centre.code}-${local}`,
          agencyId,
          ...centreId,
        });
    const device = await remoteEnroll(base, admin, `Kiosk ${centre.code} quầy ${local}`, centre.centreId);
    enrolled += 1;
    if (enrolled % 100 === 0) progress(enrolled);
    return new SimulatedKiosk(i, centre, base, device.deviceId, device.token, { ...staff, agencyId });
  };
  // With centres, counter numbers restart per centre. Today's one centre numbers them 1–999, so
  // a kiosk beyond that shares the counter of kiosk i − 999 (a second kiosk at that counter,
  // with its own officer).
  const own = firstClass ? count : Math.min(count, MAX_COUNTER_NUMBER);
  const kiosks = await inParallel(own, 6, (i) => enrol(i));
  kiosks.push(...(await inParallel(count - own, 6, (j) => enrol(own + j, kiosks[j]))));
  return kiosks;
}

async function addOfficer(base: string, admin: string, fullName: string, agencyId: string): Promise<string> {
  const res = await call(base, 'POST', '/api/v1/officers', { token: admin, body: { fullName, agencyId } });
  if (res.status !== 201) throw new Error(`officer: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { id: string }).id;
}

/**
 * Each kiosk's first sync (its officer's sign-in), a few at a time, as kiosks come online in the
 * morning: it downloads the configuration, which later syncs only ask for when it changed.
 */
export async function firstSyncs(kiosks: readonly SimulatedKiosk[]): Promise<void> {
  await inParallel(kiosks.length, 8, (i) => kiosks[i]!.sync(kiosks[i]!.signIn()));
}

export interface LoadResult {
  /** Round trips of every sync in the measured window, ms. */
  latencies: number[];
  /** Syncs that started after their 5 s slot because the previous one had not come back. */
  lateSlots: number;
  /** Syncs never sent because the run reached its time bound first. */
  unsent: number;
  seconds: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Every kiosk syncs one small batch each `periodMs`, their slots spread evenly over the period.
 * The first `warmRounds` rounds (the servers' caches and compiled code warm up) are not
 * measured; then `rounds` rounds are.
 */
export async function runKioskLoad(
  kiosks: readonly SimulatedKiosk[],
  options: { periodMs: number; warmRounds: number; rounds: number },
): Promise<LoadResult> {
  const { periodMs, warmRounds, rounds } = options;
  if (kiosks.length > MAX_KIOSKS) throw new Error(`at most ${MAX_KIOSKS} kiosks`);
  if ((warmRounds + rounds) * periodMs > MAX_LOAD_MS) throw new Error(`a load runs at most ${MAX_LOAD_MS / 1000} s`);
  kiosks.forEach((k) => assertLoopback(k.base));
  const latencies: number[] = [];
  let lateSlots = 0;
  let unsent = 0;
  const start = performance.now() + 100;
  // An overloaded server must not stretch the run: what is not sent by then is counted, not sent.
  const stopAt = start + (warmRounds + rounds) * periodMs + STOP_GRACE_MS;
  const one = async (kiosk: SimulatedKiosk, phase: number) => {
    for (let round = 0; round < warmRounds + rounds; round += 1) {
      if (performance.now() > stopAt) {
        unsent += warmRounds + rounds - round;
        return;
      }
      const slot = start + phase + round * periodMs;
      const wait = slot - performance.now();
      if (wait > 0) await sleep(wait);
      else lateSlots += round >= warmRounds ? 1 : 0;
      const ms = await kiosk.sync(kiosk.servedAndRated());
      if (round >= warmRounds) latencies.push(ms);
    }
  };
  await Promise.all(kiosks.map((k, i) => one(k, (i / kiosks.length) * periodMs)));
  return { latencies, lateSlots, unsent, seconds: (performance.now() - start) / 1000 };
}
