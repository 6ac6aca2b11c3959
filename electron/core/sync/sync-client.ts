import { z } from 'zod';
import type { SyncStatus } from '../../../shared/contract/kiosk-state.ts';
import { DeviceAssignmentSchema, type DeviceAssignment } from '../../../shared/contract/provisioning.ts';
import {
  SYNC_MAX_EVENTS,
  SYNC_PROTOCOL,
  SyncConfigSchema,
  SyncResponseSchema,
  type DeviceStatus,
  type SyncConfig,
} from '../../../shared/contract/sync-protocol.ts';
import {
  ClaimResponseSchema,
  LeaseGrantSchema,
  QUEUE_PATHS,
  type ClaimOutcome,
} from '../../../shared/contract/queue-sync.ts';
import type { KioskEvent } from '../../../shared/domain/events.ts';
import type { NumberLease } from '../../../shared/domain/queue-leases.ts';
import { toVietnamIso } from '../../../shared/domain/vietnam-time.ts';
import type { ConfigStore } from '../config-store.ts';
import type { Db } from '../database.ts';
import type { Outbox } from '../outbox.ts';
import { backoffDelay } from './backoff.ts';
import { takeBatch } from './batch.ts';
import {
  normaliseServerUrl,
  requestEnrolment,
  serverMessage,
  unreachableMessage,
  type FetchLike,
} from './enrollment.ts';
import type { SecretBox } from '../secret-box.ts';
import { assertNothingStranded } from './reenrolment-guard.ts';
import { SyncStore } from './sync-store.ts';

export interface SyncTuning {
  fetch: FetchLike;
  /** Uniform in [0, 1): the jitter source, injectable so tests can pin it. */
  random: () => number;
  /** How often the outbox is checked for new events while all is well. */
  pollMs: number;
  /** How often the server is asked for a newer configuration when there is nothing to send. */
  configPollMs: number;
  requestTimeoutMs: number;
  baseBackoffMs: number;
  capBackoffMs: number;
  appVersion?: string;
  log?: (message: string) => void;
}

export interface SyncClientOptions extends Partial<SyncTuning> {
  db: Db;
  config: ConfigStore;
  outbox: Outbox;
  now: () => Date;
  /** Applies the queue part of the configuration (services, priorities, ordering rule). */
  applyQueue?: (queue: SyncConfig['queue']) => void;
  /** Applies the centre-wide part (technician PIN hash, duty limits) in the same transaction. */
  applyCentre?: (config: SyncConfig) => void;
  /** Ends, with events, the sign-ins of officers the new configuration removed or deactivated. */
  endRemovedDuty?: () => void;
  /** Applies this kiosk's role, counter and printer as the console set them (every response). */
  applyAssignment?: (assignment: DeviceAssignment) => void;
  /** Called whenever the status changes, so the core can publish a fresh KioskState. */
  onChange: () => void;
  /** The kiosk's printer, reported with each request so supervisors see it (null: no printer). */
  deviceStatus?: () => Pick<DeviceStatus, 'printer' | 'storage'>;
  /** Where the device token is kept (the OS keychain under Electron); plain by default. */
  secretBox?: SecretBox;
  /** The services and days this kiosk needs more leased numbers for (issue 8 §2). */
  leaseNeeds?: () => Array<{ serviceId: string; day: string }>;
  /** Stores the leases a response carries. */
  applyLeases?: (leases: NumberLease[]) => void;
}

/** How one exchange ended; `retry` means back off before the next attempt. */
type RoundResult = 'ok' | 'retry';

class SyncFailure extends Error {}

/**
 * The response as the client reads it: only what it acts on is required, and `config` is
 * checked separately so a bad configuration never costs the acknowledgements beside it.
 */
const ResponseSchema = SyncResponseSchema.pick({
  accepted: true,
  duplicates: true,
  rejected: true,
  serverTime: true,
}).extend({ config: z.unknown().optional(), leases: z.unknown().optional(), assignment: z.unknown().optional() });
type ClientResponse = z.infer<typeof ResponseSchema>;

const DEFAULTS = {
  pollMs: 2_000,
  // The console's assignment of a kiosk arrives with any answer: ask often enough that a
  // change made there reaches an idle kiosk within 5 s (issue 8 §1).
  configPollMs: 4_000,
  requestTimeoutMs: 30_000,
  baseBackoffMs: 1_000,
  // Offline, probe often: after the network heals the queue must meet again within seconds.
  capBackoffMs: 15_000,
  claimTimeoutMs: 1_500,
};

/** The server answered within this: the kiosk counts as online (honest notes, offline calling rules). */
const ONLINE_WITHIN_MS = 30_000;
const LEASE_ASK_MS = 10_000;
const DELIVER_WAIT_MS = 1_500;

/**
 * Sends the kiosk's outbox to the central server and brings its configuration back.
 *
 * Nothing in the kiosk waits for it: handlers write to SQLite and return; this client runs on
 * its own timer, drains the outbox in seq order in batches (≤ 500 events, ≤ 1 MB), marks an
 * event sent only when the server accepted it or already had it, keeps rejected events, and
 * retries with exponential backoff and full jitter while the server cannot be reached.
 */
export class SyncClient {
  readonly store: SyncStore;
  private readonly tuning: SyncTuning;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<RoundResult> | null = null;
  private controller: AbortController | null = null;
  private started = false;
  private stopped = false;
  private failures = 0;
  private lastContactMs = Number.NEGATIVE_INFINITY;
  private transportError: string | null = null;
  private configError: string | null = null;
  private draining: { sent: number; total: number } | null = null;
  /** Someone asked for an exchange while one was running: run another right after it. */
  private forceNext = false;
  /** When leases were last asked for; a refused ask is repeated at most every LEASE_ASK_MS. */
  private lastLeaseAskMs = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: SyncClientOptions) {
    this.store = new SyncStore(options.db, options.config, options.secretBox);
    this.tuning = {
      fetch: options.fetch ?? ((input, init) => fetch(input, init)),
      random: options.random ?? Math.random,
      pollMs: options.pollMs ?? DEFAULTS.pollMs,
      configPollMs: options.configPollMs ?? DEFAULTS.configPollMs,
      requestTimeoutMs: options.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs,
      baseBackoffMs: options.baseBackoffMs ?? DEFAULTS.baseBackoffMs,
      capBackoffMs: options.capBackoffMs ?? DEFAULTS.capBackoffMs,
      appVersion: options.appVersion,
      log: options.log,
    };
  }

  /** What the technician screen shows. Never contains the device token. */
  status(): SyncStatus {
    const enrolment = this.store.enrolment();
    return {
      serverUrl: enrolment?.serverUrl ?? null,
      enrolled: enrolment !== null,
      deviceId: enrolment?.deviceId ?? null,
      lastSuccessAt: this.store.lastSuccessAt(),
      pending: this.store.pendingCount(),
      rejected: this.store.rejectedCount(),
      lastError: this.transportError ?? this.configError,
      draining: this.draining,
    };
  }

  isEnrolled(): boolean {
    return this.store.enrolment() !== null;
  }

  /** Whether the server answered lately and the last exchange did not fail. */
  online(): boolean {
    return this.transportError === null && this.options.now().getTime() - this.lastContactMs < ONLINE_WITHIN_MS;
  }

  /** The server (the held queue stream) answered: count as online now. */
  markContact(): void {
    this.lastContactMs = this.options.now().getTime();
  }

  /**
   * Asks the server for the right to call a ticket other counters could also call. Fails fast
   * (1.5 s): an officer must not wait on a dead network; offline rules take over.
   */
  async claim(ticketId: string, counterId: string): Promise<ClaimOutcome> {
    const enrolment = this.store.enrolment();
    if (!enrolment) return 'not_enrolled';
    const controller = new AbortController();
    const timeout = setTimeout(() => controller.abort(), DEFAULTS.claimTimeoutMs);
    try {
      const response = await this.tuning.fetch(`${enrolment.serverUrl}${QUEUE_PATHS.claim}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${enrolment.token}` },
        body: JSON.stringify({ ticketId, counterId }),
        signal: controller.signal,
      });
      if (!response.ok) return response.status >= 500 ? 'offline' : 'taken';
      const parsed = ClaimResponseSchema.safeParse(await response.json().catch(() => null));
      if (!parsed.success) return 'offline';
      this.lastContactMs = this.options.now().getTime();
      return parsed.data.granted ? 'granted' : 'taken';
    } catch {
      return 'offline';
    } finally {
      clearTimeout(timeout);
    }
  }

  /** Starts the background loop if this kiosk is enrolled; a no-op otherwise. */
  start(): void {
    if (this.stopped || this.started || !this.isEnrolled()) return;
    this.started = true;
    this.schedule(0);
  }

  /** Stops timers and aborts a request in flight; safe to call before closing the database. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.controller?.abort();
  }

  /** Enrols with a server using a one-time code, saves the token, and starts syncing. */
  async enroll(input: { serverUrl: string; code: string; name: string }): Promise<SyncStatus> {
    const serverUrl = normaliseServerUrl(input.serverUrl);
    const current = this.store.enrolment();
    // Checked before the code is spent, and again after: events may arrive meanwhile.
    if (current) assertNothingStranded(this.options.db, this.options.config, current.serverUrl, serverUrl);
    const { deviceId, token } = await requestEnrolment({
      serverUrl,
      code: input.code,
      name: input.name,
      fetch: this.tuning.fetch,
    });
    if (this.stopped) return this.status();
    // A round against the previous server may be in flight: let it finish first.
    await this.running?.catch(() => undefined);
    const before = this.store.enrolment();
    if (before) assertNothingStranded(this.options.db, this.options.config, before.serverUrl, serverUrl);
    this.store.saveEnrolment({ serverUrl, deviceId, token });
    this.failures = 0;
    this.transportError = null;
    this.configError = null;
    this.lastContactMs = Number.NEGATIVE_INFINITY;
    this.options.onChange();
    if (this.started) this.schedule(0);
    else this.start();
    return this.status();
  }

  /**
   * Asks for an exchange as soon as possible and returns at once: the technician's "sync now"
   * button must not wait for a long backlog to drain. Progress arrives with the state.
   */
  requestSync(): void {
    if (this.stopped || !this.isEnrolled()) return;
    this.forceNext = true;
    if (!this.running) this.schedule(0);
  }

  /**
   * Points an enrolled kiosk at the address its server now answers on (the demo's server on a
   * new port, a server moved to another machine). The device id and token stay as they are.
   */
  relocate(serverUrl: string): void {
    if (!this.isEnrolled()) return;
    this.store.saveServerUrl(normaliseServerUrl(serverUrl));
    this.options.onChange();
  }

  /**
   * Sends the outbox now and says whether everything reached the server, waiting at most
   * `DELIVER_WAIT_MS`: the entrance tells a citizen honestly when their ticket is held back.
   */
  async deliverNow(): Promise<boolean> {
    if (!this.isEnrolled()) return false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const gaveUp = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), DELIVER_WAIT_MS);
    });
    const outcome = await Promise.race([this.syncNow().then(() => 'done' as const), gaveUp]);
    clearTimeout(timer);
    return outcome === 'done' && this.transportError === null && this.store.pendingCount() === 0;
  }

  /**
   * Runs an exchange now (a technician's "sync now", or a test) and resolves when it ends,
   * whatever the backoff timer said.
   */
  async syncNow(): Promise<SyncStatus> {
    if (this.running) await this.running.catch(() => undefined);
    if (!this.stopped && this.isEnrolled()) await this.tick(true);
    return this.status();
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(false), ms);
    // The loop alone must not keep a process (a CLI command, a test) alive.
    this.timer.unref?.();
  }

  private async tick(force: boolean): Promise<void> {
    if (this.stopped || this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const forced = force || this.forceNext;
    this.forceNext = false;
    const round = this.round(forced).catch((error: unknown) => {
      if (!this.stopped) this.tuning.log?.(`Lỗi đồng bộ không mong muốn: ${String(error)}`);
      if (!this.stopped) this.transportError = 'Lỗi không mong muốn khi đồng bộ; kiosk sẽ tự thử lại.';
      return 'retry' as const;
    });
    this.running = round;
    const result = await round;
    this.running = null;
    if (this.stopped) return;
    if (result === 'ok') {
      this.failures = 0;
      this.schedule(this.forceNext ? 0 : this.tuning.pollMs);
      return;
    }
    const delay = backoffDelay(this.failures, this.tuning.random, this.tuning.baseBackoffMs, this.tuning.capBackoffMs);
    this.failures += 1;
    this.schedule(delay);
    // Successes publish from apply(); an idle check publishes nothing, so screens stay quiet.
    this.options.onChange();
  }

  /** One exchange, or several back to back while a backlog remains. */
  private async round(force: boolean): Promise<RoundResult> {
    const enrolment = this.store.enrolment();
    if (!enrolment) return 'ok';
    const pendingAtStart = this.store.pendingCount();
    const configDue =
      this.store.serverConfigVersion() === null ||
      this.options.now().getTime() - this.lastContactMs >= this.tuning.configPollMs;
    const leaseDue =
      (this.options.leaseNeeds?.().length ?? 0) > 0 &&
      this.options.now().getTime() - this.lastLeaseAskMs >= LEASE_ASK_MS;
    if (pendingAtStart === 0 && !configDue && !force && !leaseDue) return 'ok';

    let sent = 0;
    let total = pendingAtStart;
    if (pendingAtStart > SYNC_MAX_EVENTS) this.setDraining({ sent, total });
    try {
      for (;;) {
        const batch = takeBatch(this.store.sendable(SYNC_MAX_EVENTS));
        const response = await this.post(enrolment.serverUrl, enrolment.token, batch);
        if (this.stopped) return 'ok';
        const settled = this.apply(response, batch);
        sent += batch.length;
        const remaining = this.store.pendingCount();
        if (batch.length === 0 || remaining === 0) break;
        if (settled === 0) {
          // The server answered without a word on any of these events: do not spin on them.
          this.transportError = 'Máy chủ không xác nhận các sự kiện đã gửi; kiosk sẽ thử lại sau.';
          return 'retry';
        }
        total = Math.max(total, sent + remaining);
        if (this.draining || remaining > 0) this.setDraining({ sent, total });
      }
    } catch (error) {
      if (this.stopped) return 'ok';
      if (!(error instanceof SyncFailure)) throw error;
      this.transportError = error.message;
      return 'retry';
    } finally {
      if (!this.stopped && this.draining) {
        this.draining = null;
        this.options.onChange();
      }
    }
    return 'ok';
  }

  private setDraining(progress: { sent: number; total: number }): void {
    this.draining = progress;
    this.options.onChange();
  }

  /** Pending as it will be once this batch is acknowledged: what the console shows as waiting. */
  private deviceStatus(batchSize: number): DeviceStatus {
    const own = this.options.deviceStatus?.();
    return {
      printer: own?.printer ?? null,
      ...(own?.storage ? { storage: own.storage } : {}),
      pending: Math.max(0, this.store.pendingCount() - batchSize),
      ...(this.tuning.appVersion ? { appVersion: this.tuning.appVersion } : {}),
    };
  }

  private leaseRequest(): { leases?: Array<{ serviceId: string; day: string }> } {
    const needs = this.options.leaseNeeds?.() ?? [];
    if (needs.length === 0) return {};
    this.lastLeaseAskMs = this.options.now().getTime();
    return { leases: needs };
  }

  private async post(serverUrl: string, token: string, events: KioskEvent[]): Promise<ClientResponse> {
    const configVersion = this.store.serverConfigVersion();
    const body = JSON.stringify({
      protocol: SYNC_PROTOCOL,
      deviceTime: toVietnamIso(this.options.now()),
      ...(configVersion === null ? {} : { configVersion }),
      ...(this.tuning.appVersion ? { appVersion: this.tuning.appVersion } : {}),
      status: this.deviceStatus(events.length),
      ...this.leaseRequest(),
      events,
    });
    this.controller = new AbortController();
    const timeout = setTimeout(() => this.controller?.abort(), this.tuning.requestTimeoutMs);
    let response: Response;
    try {
      response = await this.tuning.fetch(`${serverUrl}/api/v1/sync`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body,
        signal: this.controller.signal,
      });
    } catch {
      throw new SyncFailure(unreachableMessage(serverUrl));
    } finally {
      clearTimeout(timeout);
    }
    if (response.status === 401 || response.status === 403) {
      throw new SyncFailure(
        'Máy chủ từ chối kiosk này (mã thiết bị không hợp lệ hoặc đã bị thu hồi). Hãy đăng ký lại kiosk.',
      );
    }
    if (!response.ok) {
      const detail = await serverMessage(response);
      throw new SyncFailure(
        `Máy chủ báo lỗi khi đồng bộ (HTTP ${response.status})${detail ? `: ${detail}` : ''}; kiosk sẽ tự thử lại.`,
      );
    }
    const parsed = ResponseSchema.safeParse(await response.json().catch(() => null));
    if (!parsed.success) throw new SyncFailure('Máy chủ trả lời không đúng giao thức đồng bộ; kiosk sẽ tự thử lại.');
    return parsed.data;
  }

  /** Applies one response; returns how many of the batch's events the server spoke about. */
  private apply(response: ClientResponse, batch: readonly KioskEvent[]): number {
    const at = this.options.now().toISOString();
    const inBatch = new Set(batch.map((e) => e.id));
    const delivered = [...response.accepted, ...response.duplicates].filter((id) => inBatch.has(id));
    this.options.outbox.markDelivered(delivered, at);
    const rejected = response.rejected.flatMap((r) => {
      const id = r.id ?? batch[r.index]?.id;
      return id && inBatch.has(id) ? [{ id, reason: r.reason }] : [];
    });
    if (rejected.length > 0) {
      this.store.markRejected(rejected, at);
      this.tuning.log?.(`Máy chủ từ chối ${rejected.length} sự kiện, ví dụ: ${rejected[0]!.reason}`);
    }
    this.lastContactMs = this.options.now().getTime();
    this.transportError = null;
    this.store.setLastSuccessAt(at);
    this.applyConfig(response);
    this.applyLeases(response);
    this.applyAssignment(response);
    this.options.onChange();
    return new Set([...delivered, ...rejected.map((r) => r.id)]).size;
  }

  /** Leases are read on their own: a bad list never costs the acknowledgements beside it. */
  private applyLeases(response: ClientResponse): void {
    if (response.leases === undefined) return;
    const parsed = LeaseGrantSchema.safeParse(response.leases);
    if (parsed.success) this.options.applyLeases?.(parsed.data);
    else this.tuning.log?.('Danh sách số được cấp từ máy chủ không hợp lệ; kiosk bỏ qua.');
  }

  private applyConfig(response: ClientResponse): void {
    if (response.config === undefined) return;
    const parsed = SyncConfigSchema.safeParse(response.config);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first && first.path.length > 0 ? ` (${first.path.join('.')})` : '';
      this.configError = `Cấu hình nhận từ máy chủ không hợp lệ${where}; kiosk giữ cấu hình hiện tại.`;
      this.tuning.log?.(`${this.configError} ${first?.message ?? ''}`);
      return;
    }
    // Staff, scale and queue change together or not at all.
    this.options.db.transaction(() => {
      this.options.config.applyConfig(parsed.data, this.options.endRemovedDuty);
      this.options.applyQueue?.(parsed.data.queue);
      this.options.applyCentre?.(parsed.data);
      this.store.setServerConfigVersion(parsed.data.version);
    })();
    // The services may have changed: ask for their numbers at the next round.
    this.lastLeaseAskMs = Number.NEGATIVE_INFINITY;
    this.configError = null;
  }

  /** A server from before assignments sends none; a malformed one is ignored, never half-applied. */
  private applyAssignment(response: ClientResponse): void {
    if (response.assignment === undefined) return;
    const parsed = DeviceAssignmentSchema.safeParse(response.assignment);
    if (!parsed.success) {
      this.tuning.log?.('Máy chủ gửi phân công kiosk không hợp lệ; kiosk giữ phân công hiện tại.');
      return;
    }
    this.options.applyAssignment?.(parsed.data);
  }
}
