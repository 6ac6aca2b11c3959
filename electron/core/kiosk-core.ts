import { DEFAULT_MISUSE_RULES } from '../../shared/contract/centre-settings.ts';
import { join } from 'node:path';
import { hostname } from 'node:os';
import { mkdirSync } from 'node:fs';
import type { KioskHandlers } from '../../shared/contract/dispatch.ts';
import type { KioskSettings, KioskState } from '../../shared/contract/kiosk-state.ts';
import { DomainError } from '../../shared/contract/result.ts';
import { DEMO_CONFIG, DEMO_PIN, DEMO_TECHNICIAN_PIN } from '../../shared/domain/demo-config.ts';
import { DEMO_QUEUE_CONFIG } from '../../shared/domain/queue-config.ts';
import { ConfigStore } from './config-store.ts';
import { checkpointWhenIdle, openDatabase, type Db } from './database.ts';
import { OfficerDuty } from './officer-duty.ts';
import { Outbox } from './outbox.ts';
import { PinGuard, type PinPolicy } from './pin-guard.ts';
import { hashSecret } from './pin-hash.ts';
import { Ratings } from './ratings.ts';
import type { QueuePrinter } from './queue/printer-port.ts';
import { Queue } from './queue/queue.ts';
import { QueueStore } from './queue/queue-store.ts';
import { SyncClient, type SyncTuning } from './sync/sync-client.ts';
import { QueueStream } from './sync/queue-stream.ts';
import { leaseNeeds } from './queue/lease-needs.ts';
import { parseKioskRole, type KioskRole } from '../../shared/domain/queue-routing.ts';

export const DEFAULT_SETTINGS: KioskSettings = {
  thankYouSeconds: 5,
  idleTimeoutSeconds: 30,
  walkUpIntervalSeconds: 5,
};

export interface KioskCoreOptions {
  dataDir: string;
  now?: () => Date;
  pinPolicy?: PinPolicy;
  /** What "exit kiosk" does in this host (Electron leaves kiosk mode; the browser host cannot). */
  exitKiosk?: () => void;
  /** The ticket printer (electron/printing); absent: tickets are shown on screen only. */
  printer?: QueuePrinter | null;
  /** Sync timing and transport; tests inject a fake fetch and a fixed jitter here. */
  sync?: Partial<SyncTuning>;
}

export const KIOSK_DB_FILE = 'kiosk.db';

/**
 * The kiosk's logic, plain Node: the store, officer duty, ratings and the outbox behind the
 * one typed contract. Electron and the browser host only carry calls to `handlers`.
 */
export class KioskCore {
  readonly db: Db;
  readonly config: ConfigStore;
  readonly outbox: Outbox;
  readonly duty: OfficerDuty;
  readonly ratings: Ratings;
  readonly queueStore: QueueStore;
  readonly queue: Queue;
  readonly handlers: KioskHandlers;
  readonly sync: SyncClient;
  readonly queueStream: QueueStream;
  private readonly pins: PinGuard;
  private readonly now: () => Date;
  private readonly listeners = new Set<(state: KioskState) => void>();
  private revision = 0;
  private readonly stopCheckpoints: () => void;

  constructor(private readonly options: KioskCoreOptions) {
    mkdirSync(options.dataDir, { recursive: true });
    this.now = options.now ?? (() => new Date());
    this.db = openDatabase(join(options.dataDir, KIOSK_DB_FILE));
    this.stopCheckpoints = checkpointWhenIdle(this.db);
    this.config = new ConfigStore(this.db);
    this.outbox = new Outbox(this.db);
    this.pins = new PinGuard(this.db, this.now, options.pinPolicy);
    this.duty = new OfficerDuty(this.db, this.config, this.outbox, this.pins, this.now);
    this.ratings = new Ratings(this.db, this.config, this.duty, this.outbox, this.now);
    this.queueStore = new QueueStore(this.db, this.config);
    this.queue = new Queue({
      db: this.db,
      config: this.config,
      store: this.queueStore,
      duty: this.duty,
      outbox: this.outbox,
      now: this.now,
      printer: options.printer ?? null,
      changed: () => this.publish(),
      role: () => this.role(),
      counterId: () => this.counterId(),
      numbering: () => (this.sync.isEnrolled() ? 'leased' : 'free'),
      online: () => this.sync.online(),
      claim: (ticketId, counterId) => this.sync.claim(ticketId, counterId),
      issued: () => this.sync.requestSync(),
      deliverNow: () => this.sync.deliverNow(),
      dossierRequired: () => this.config.dossierRequired(),
      ratingVoice: () => this.config.ratingVoice(),
    });
    this.sync = new SyncClient({
      db: this.db,
      config: this.config,
      outbox: this.outbox,
      now: this.now,
      applyQueue: (queue) => this.queueStore.apply(queue),
      onChange: () => this.publish(),
      deviceStatus: () => {
        const { printer } = this.queue.state(null);
        if (printer.state === 'none') return { printer: null };
        return { printer: { state: printer.state, message: printer.message.slice(0, 500) } };
      },
      leaseNeeds: () => leaseNeeds(this.queue.leases, this.issuableServices(), this.now()),
      applyLeases: (leases) => this.queue.leases.save(leases),
      ...options.sync,
    });
    this.queueStream = new QueueStream({
      store: this.sync.store,
      config: this.config,
      fetch: options.sync?.fetch ?? ((input, init) => fetch(input, init)),
      counterId: () => (this.role() === 'counter' ? this.counterId() : null),
      apply: (tickets) => this.queue.applyPushed(tickets),
      connected: () => {
        this.sync.markContact();
        this.sync.requestSync();
      },
    });
    this.handlers = this.createHandlers();
    // Does nothing until the kiosk is enrolled; never blocks anything on the network.
    this.sync.start();
    this.queueStream.start();
  }

  /**
   * Seeds the demo configuration into a new data folder (PINs 1234, technician 9999) and signs
   * the first demo officer in at counter 1, so the rating screen is usable at once.
   */
  async seedDemo(): Promise<void> {
    if (this.config.configVersion() >= 0) return;
    const pinHash = await hashSecret(DEMO_PIN);
    this.config.applyConfig({
      ...DEMO_CONFIG,
      officerPins: Object.fromEntries(DEMO_CONFIG.officers.map((o) => [o.id, pinHash])),
    });
    await this.setTechnicianPin(DEMO_TECHNICIAN_PIN);
    this.queueStore.apply(DEMO_QUEUE_CONFIG);
    this.config.setSetting('kiosk.counterId', DEMO_CONFIG.counters[0]!.id);
    await this.duty.signIn(DEMO_CONFIG.counters[0]!.id, DEMO_CONFIG.officers[0]!.id, DEMO_PIN);
    this.publish();
  }

  async setTechnicianPin(pin: string): Promise<void> {
    this.config.setSetting('technician.pinHash', await hashSecret(pin));
  }

  /** The server's misuse rules once delivered; until then the kiosk's own interval and the default burst rule. */
  private misuseOptions(): { walkUpIntervalMs: number; burst: { presses: number; windowMs: number } } {
    const rules = this.config.misuseRules();
    const interval = rules?.walkUpIntervalSeconds ?? this.settings().walkUpIntervalSeconds;
    const burst = rules ?? DEFAULT_MISUSE_RULES;
    return {
      walkUpIntervalMs: interval * 1000,
      burst: { presses: burst.burstPresses, windowMs: burst.burstMinutes * 60_000 },
    };
  }

  settings(): KioskSettings {
    const stored = this.config.getSetting('kiosk.settings');
    return { ...DEFAULT_SETTINGS, ...(stored ? (JSON.parse(stored) as Partial<KioskSettings>) : {}) };
  }

  updateSettings(patch: Partial<KioskSettings>): void {
    this.config.setSetting('kiosk.settings', JSON.stringify({ ...this.settings(), ...patch }));
    this.publish();
  }

  counterId(): string | null {
    return this.config.getSetting('kiosk.counterId');
  }

  /** `kiosk.role`, delivered from the console (default: a counter kiosk). */
  role(): KioskRole {
    return parseKioskRole(this.config.getSetting('kiosk.role'));
  }

  /** Sets the role and counter locally (tests, and the technician until the console sets them). */
  assign(role: KioskRole, counterId: string | null): void {
    this.config.setSetting('kiosk.role', role);
    if (counterId !== null) this.config.setSetting('kiosk.counterId', counterId);
    this.queueStream.restart();
    this.sync.requestSync();
    this.publish();
  }

  /** The services this kiosk issues numbers for, and so needs leased numbers for. */
  private issuableServices(): string[] {
    if (this.role() === 'entrance') return this.queueStore.allServices().map((s) => s.id);
    const counterId = this.counterId();
    return counterId ? this.queueStore.servicesOf(counterId).map((s) => s.id) : [];
  }

  state(): KioskState {
    const counterId = this.counterId();
    return {
      revision: this.revision,
      centreName: this.config.centreName(),
      counter: counterId ? this.config.counter(counterId) : null,
      counters: this.config.counters(),
      officer: counterId ? this.duty.onDuty(counterId) : null,
      officers: this.config.officerChoices(),
      ratingLevels: this.config.ratingLevels(),
      ratingReasons: this.config.ratingReasons(),
      settings: this.settings(),
      sync: this.sync.status(),
      queue: this.queue.state(counterId),
    };
  }

  onStateChanged(listener: (state: KioskState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(): void {
    this.revision += 1;
    const state = this.state();
    for (const listener of this.listeners) listener(state);
  }

  close(): void {
    this.listeners.clear();
    this.queue.close();
    this.queueStream.stop();
    this.sync.stop();
    this.stopCheckpoints();
    this.db.close();
  }

  private requireCounter(): string {
    const counterId = this.counterId();
    if (!counterId) throw new DomainError('no_counter', 'Kiosk chưa được gán quầy. Vui lòng báo cán bộ CNTT.');
    return counterId;
  }

  private async checkTechnician(pin: string): Promise<void> {
    await this.pins.check('technician', pin, this.config.getSetting('technician.pinHash'));
  }

  /** The queue channels: citizens take numbers; officer actions act on this kiosk's counter. */
  private queueHandlers(): Pick<KioskHandlers, `queue:${string}` & keyof KioskHandlers> {
    const counter = () => this.requireCounter();
    return {
      'queue:takeNumber': ({ serviceId, priorityCategory }) => this.queue.takeNumber(serviceId, priorityCategory),
      'queue:callNext': () => this.queue.callNext(counter()),
      'queue:recall': ({ ticketId }) => this.queue.recall(counter(), ticketId),
      'queue:start': ({ ticketId }) => this.queue.start(counter(), ticketId),
      'queue:noShow': ({ ticketId }) => {
        this.queue.noShow(counter(), ticketId);
        return null;
      },
      'queue:finish': ({ ticketId, dossierCode, citizenAbsent }) => {
        this.queue.finish(counter(), ticketId, { dossierCode, citizenAbsent });
        return null;
      },
      'queue:transfer': ({ ticketId, toServiceId, toCounterId }) =>
        this.queue.transfer(counter(), ticketId, toServiceId, toCounterId),
      'queue:cancel': ({ ticketId }) => {
        this.queue.cancel(counter(), ticketId);
        return null;
      },
      'queue:reprint': ({ ticketId }) => this.queue.reprint(ticketId),
      'queue:officerView': () => this.queue.officerView(this.counterId()),
    };
  }

  private createHandlers(): KioskHandlers {
    return {
      'kiosk:getState': () => this.state(),
      'officer:signIn': async ({ officerId, pin }) => {
        const officer = await this.duty.signIn(this.requireCounter(), officerId, pin);
        this.publish();
        return officer;
      },
      'officer:signOut': () => {
        this.duty.signOut(this.requireCounter());
        this.publish();
        return null;
      },
      'ratings:submit': ({ level, ticketId }) => {
        const counterId = this.requireCounter();
        // While the screen asks about a finished ticket, a press at this counter rates that ticket.
        const rated = ticketId ?? this.queue.pendingRating(counterId);
        if (rated !== undefined) this.queue.assertRatable(rated);
        const result = this.ratings.submit({
          counterId,
          level,
          ticketId: rated,
          dossierCode: rated === undefined ? undefined : this.queue.ratingDossier(counterId, rated),
          ...this.misuseOptions(),
        });
        if (rated !== undefined) {
          this.queue.ratingReceived(counterId, rated);
          this.publish();
        }
        return result;
      },
      'ratings:decline': ({ ticketId }) => {
        this.queue.declineRating(this.requireCounter(), ticketId);
        return null;
      },
      'ratings:addReasons': ({ ratingId, reasons }) => {
        this.ratings.addReasons(ratingId, reasons);
        return null;
      },
      'technician:verifyPin': async ({ pin }) => {
        await this.checkTechnician(pin);
        return null;
      },
      'technician:setCounter': async ({ pin, counterId }) => {
        await this.checkTechnician(pin);
        if (!this.config.counter(counterId)) throw new DomainError('not_found', 'Không tìm thấy quầy này.');
        this.config.setSetting('kiosk.counterId', counterId);
        this.queueStream.restart();
        this.publish();
        return null;
      },
      'technician:setRatingVoice': async ({ pin, on }) => {
        await this.checkTechnician(pin);
        this.config.setSetting('kiosk.ratingVoice', on ? 'on' : 'off');
        this.publish();
        return null;
      },
      'technician:exitKiosk': async ({ pin }) => {
        await this.checkTechnician(pin);
        if (!this.options.exitKiosk) {
          throw new DomainError(
            'unavailable',
            'Kiosk đang chạy trong trình duyệt: hãy đóng cửa sổ trình duyệt bằng bàn phím quản trị để thoát.',
          );
        }
        this.options.exitKiosk();
        return null;
      },
      'sync:enroll': async ({ pin, serverUrl, code, name }) => {
        await this.checkTechnician(pin);
        const counter = this.counterId() ? this.config.counter(this.counterId()!) : null;
        return this.sync.enroll({ serverUrl, code, name: name ?? `Kiosk ${counter?.name ?? hostname()}` });
      },
      'sync:now': () => {
        this.sync.requestSync();
        return this.sync.status();
      },
      ...this.queueHandlers(),
    };
  }
}
