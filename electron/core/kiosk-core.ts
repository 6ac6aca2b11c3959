import { DEFAULT_MISUSE_RULES } from '../../shared/contract/centre-settings.ts';
import { join } from 'node:path';
import { hostname } from 'node:os';
import type { KioskHandlers } from '../../shared/contract/dispatch.ts';
import type { KioskSettings, KioskState, LocalKioskSettings, OfficerLock } from '../../shared/contract/kiosk-state.ts';
import { toVietnamIso } from '../../shared/domain/vietnam-time.ts';
import { DomainError } from '../../shared/contract/result.ts';
import { DEMO_CONFIG, DEMO_PIN } from '../../shared/domain/demo-config.ts';
import { DEMO_PIN_HASH, DEMO_TECHNICIAN_PIN_HASH } from '../../shared/domain/demo-pin-hashes.ts';
import { DEMO_QUEUE_CONFIG } from '../../shared/domain/queue-config.ts';
import { ConfigStore } from './config-store.ts';
import { prepareDataFolder, prepareDatabaseFile } from './data-folder.ts';
import { checkpointWhenIdle, openDatabase, type Db } from './database.ts';
import { OfficerDuty } from './officer-duty.ts';
import { Outbox } from './outbox.ts';
import { PinGuard, type PinPolicy } from './pin-guard.ts';
import { hashSecret } from './pin-hash.ts';
import { Ratings } from './ratings.ts';
import type { SecretBox } from './secret-box.ts';
import { StorageGuard } from './storage-guard.ts';
import { guardStorage } from './storage-handlers.ts';
import type { QueuePrinter } from './queue/printer-port.ts';
import { Queue } from './queue/queue.ts';
import { QueueStore } from './queue/queue-store.ts';
import { SyncClient, type SyncTuning } from './sync/sync-client.ts';
import { QueueStream } from './sync/queue-stream.ts';
import { leaseNeeds } from './queue/lease-needs.ts';
import type { KioskRole } from '../../shared/domain/queue-routing.ts';
import { printerFromUrl } from './queue/printer-from-url.ts';
import {
  dutyLimits,
  storeAssignment,
  storeCentre,
  storedPrinter,
  storedRole,
  storeRatingVoice,
} from './kiosk-assignment.ts';

export const DEFAULT_SETTINGS: LocalKioskSettings = {
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
  /** Free bytes of the data folder's file system; statfs by default (tests inject a full disk). */
  freeBytes?: (dir: string) => number;
  /** Where the device token is kept: the OS keychain under Electron; plain text (0600 file) otherwise. */
  secretBox?: SecretBox;
  /** How often sign-ins are checked against the end of day and the idle limit (default 30 s). */
  dutyCheckMs?: number;
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
  readonly storage: StorageGuard;
  private readonly pins: PinGuard;
  private readonly now: () => Date;
  private readonly listeners = new Set<(state: KioskState) => void>();
  private revision = 0;
  private readonly stopCheckpoints: () => void;
  private readonly dutyTimer: ReturnType<typeof setInterval>;

  private citizenScreens: (() => boolean) | null = null;

  constructor(private readonly options: KioskCoreOptions) {
    prepareDataFolder(options.dataDir);
    this.now = options.now ?? (() => new Date());
    prepareDatabaseFile(join(options.dataDir, KIOSK_DB_FILE));
    this.db = openDatabase(join(options.dataDir, KIOSK_DB_FILE));
    this.storage = new StorageGuard({
      db: this.db,
      dataDir: options.dataDir,
      now: this.now,
      changed: () => this.publish(),
      ...(options.freeBytes ? { freeBytes: options.freeBytes } : {}),
    });
    this.stopCheckpoints = checkpointWhenIdle(this.db, 2_000, {
      failed: (error) => {
        if (this.storage.translate(error) === error) console.error('hailong kiosk: checkpoint failed:', error);
      },
      tick: () => this.storage.probe(),
    });
    this.config = new ConfigStore(this.db);
    this.outbox = new Outbox(this.db);
    this.pins = new PinGuard(this.db, this.now, options.pinPolicy);
    this.duty = new OfficerDuty(this.db, this.config, this.outbox, this.pins, this.now);
    this.queueStore = new QueueStore(this.db, this.config);
    this.ratings = new Ratings(
      this.db,
      this.config,
      this.duty,
      this.outbox,
      this.now,
      () => this.queueStore.options().ratingWindowSeconds * 1000,
    );
    // The console's printer wins over --printer (issue 8: "the console setting wins").
    const assigned = storedPrinter(this.config);
    this.queue = new Queue({
      db: this.db,
      config: this.config,
      store: this.queueStore,
      duty: this.duty,
      outbox: this.outbox,
      now: this.now,
      printer: assigned ? printerFromUrl(assigned.url, assigned.paperWidth) : (options.printer ?? null),
      changed: () => this.publish(),
      role: () => this.role(),
      counterId: () => this.counterId(),
      numbering: () => (this.sync.isEnrolled() ? 'leased' : 'free'),
      online: () => this.sync.online(),
      claim: (ticketId, counterId) => this.sync.claim(ticketId, counterId),
      issued: () => this.sync.requestSync(),
      deliverNow: () => this.sync.deliverNow(),
      dossierRequired: () => this.config.dossierRequired(),
      citizenScreen: () => this.citizenScreens?.() ?? true,
      ratingVoice: () => this.config.ratingVoice(),
    });
    this.sync = new SyncClient({
      db: this.db,
      config: this.config,
      outbox: this.outbox,
      now: this.now,
      applyQueue: (queue) => this.queueStore.apply(queue),
      applyCentre: (config) => storeCentre(this.config, config),
      endRemovedDuty: () => this.duty.endRemoved(),
      applyAssignment: (assignment) => this.applyAssignment(assignment),
      onChange: () => this.publish(),
      deviceStatus: () => {
        const { printer } = this.queue.state(null);
        const storage = this.storage.isFull() ? { storage: { state: 'full' as const } } : {};
        if (printer.state === 'none') return { printer: null, ...storage };
        return { printer: { state: printer.state, message: printer.message.slice(0, 500) }, ...storage };
      },
      leaseNeeds: () => leaseNeeds(this.queue.leases, this.issuableServices(), this.now()),
      applyLeases: (leases) => this.queue.leases.save(leases),
      ...(options.secretBox ? { secretBox: options.secretBox } : {}),
      ...options.sync,
    });
    this.queueStream = new QueueStream({
      store: this.sync.store,
      config: this.config,
      fetch: options.sync?.fetch ?? ((input, init) => fetch(input, init)),
      counterId: () => (this.role() === 'counter' ? this.counterId() : null),
      entrance: () => this.role() === 'entrance',
      apply: (tickets) => this.queue.applyPushed(tickets),
      connected: () => {
        this.sync.markContact();
        this.sync.requestSync();
      },
    });
    this.handlers = guardStorage(this.createHandlers(), this.storage);
    // A kiosk restarted on a full disk comes up refusing records instead of failing at the first.
    this.storage.probe();
    // Does nothing until the kiosk is enrolled; never blocks anything on the network.
    this.sync.start();
    this.queueStream.start();
    this.dutyTimer = setInterval(() => this.enforceDuty(), options.dutyCheckMs ?? 30_000);
    this.dutyTimer.unref();
    this.enforceDuty();
  }

  /** Ends sign-ins past the centre's end of day or idle limit; publishes when any ended. */
  enforceDuty(): number {
    const ended = this.duty.expire(dutyLimits(this.config));
    if (ended > 0) this.publish();
    return ended;
  }

  /** Role, counter, printer and voice invitation from the console, delivered with every sync response. */
  private applyAssignment(assignment: Parameters<typeof storeAssignment>[1]): void {
    if (storeRatingVoice(this.config, assignment)) this.publish();
    const printer = storeAssignment(this.config, assignment);
    if (printer === undefined) return;
    const next = printer ? printerFromUrl(printer.url, printer.paperWidth) : (this.options.printer ?? null);
    this.queue.replacePrinter(next);
    if (next) void this.queue.refreshPrinter();
  }

  /**
   * Where the kiosk stands for its setup screen: not enrolled with any server, enrolled but
   * not yet assigned by the console, or ready (the demo and technician-set counters count).
   */
  setupStage(): KioskState['setup'] {
    if (!this.sync.isEnrolled() && this.config.configVersion() < 0) return 'needs_enrolment';
    if (this.role() === 'entrance') return 'ready';
    return this.counterId() ? 'ready' : 'awaiting_assignment';
  }

  /**
   * Seeds the demo configuration into a new data folder (PINs 1234, technician 9999) and signs
   * the first demo officer in at counter 1, so the rating screen is usable at once.
   */
  async seedDemo(): Promise<void> {
    if (this.config.configVersion() >= 0) return;
    this.config.applyConfig({
      ...DEMO_CONFIG,
      officerPins: Object.fromEntries(DEMO_CONFIG.officers.map((o) => [o.id, DEMO_PIN_HASH])),
    });
    this.config.setSetting('technician.pinHash', DEMO_TECHNICIAN_PIN_HASH);
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

  /** The kiosk's own settings, with the voice settings the console and the centre decided for it. */
  settings(): KioskSettings {
    return {
      ...this.localSettings(),
      ratingVoiceFromConsole: this.config.ratingVoiceFromConsole(),
      preferSystemVoice: this.config.preferSystemVoice(),
    };
  }

  private localSettings(): LocalKioskSettings {
    const stored = this.config.getSetting('kiosk.settings');
    const { thankYouSeconds, idleTimeoutSeconds, walkUpIntervalSeconds } = {
      ...DEFAULT_SETTINGS,
      ...(stored ? (JSON.parse(stored) as Partial<LocalKioskSettings>) : {}),
    };
    return { thankYouSeconds, idleTimeoutSeconds, walkUpIntervalSeconds };
  }

  updateSettings(patch: Partial<LocalKioskSettings>): void {
    this.config.setSetting('kiosk.settings', JSON.stringify({ ...this.localSettings(), ...patch }));
    this.publish();
  }

  counterId(): string | null {
    return this.config.getSetting('kiosk.counterId');
  }

  /** `kiosk.role`, delivered from the console (default: a counter kiosk). */
  role(): KioskRole {
    return storedRole(this.config) ?? 'counter';
  }

  /**
   * Sets the role and counter locally, for tests of one kiosk without a server; in a centre the
   * console assigns them (storeAssignment) and the technician only picks the counter.
   */
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
      setup: this.setupStage(),
      role: storedRole(this.config),
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
      storage: this.storage.status(),
      officerLocks: this.officerLocks(),
    };
  }

  private officerLocks(): OfficerLock[] {
    return this.pins.locks().flatMap(({ subject, untilMs }) => {
      const officerId = subject.startsWith('officer:') ? subject.slice('officer:'.length) : null;
      const officer = officerId ? this.config.officer(officerId) : null;
      if (!officerId || !officer) return [];
      return [{ officerId, fullName: officer.fullName, until: toVietnamIso(new Date(untilMs)) }];
    });
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

  /**
   * Tells the core whether a citizen screen is connected (the browser host counts its citizen
   * streams); without one a finished ticket's prompt is recorded as not shown. Electron always
   * has its citizen window, so it never calls this.
   */
  watchCitizenScreens(probe: () => boolean): void {
    this.citizenScreens = probe;
  }

  close(): void {
    this.listeners.clear();
    clearInterval(this.dutyTimer);
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
    const counter = () => {
      const counterId = this.requireCounter();
      // Every officer action restarts the idle clock of the sign-in at this counter.
      this.duty.touch(counterId);
      return counterId;
    };
    return {
      'queue:takeNumber': ({ serviceId, priorityCategory }) => this.queue.takeNumber(serviceId, priorityCategory),
      'queue:callNext': () => this.queue.callNext(counter()),
      'queue:recall': ({ ticketId }) => this.queue.recall(counter(), ticketId),
      'queue:start': ({ ticketId }) => this.queue.start(counter(), ticketId),
      'queue:noShow': ({ ticketId }) => {
        this.queue.noShow(counter(), ticketId);
        return null;
      },
      'queue:undoNoShow': ({ ticketId }) => {
        this.queue.undoNoShow(counter(), ticketId);
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
        try {
          return await this.duty.signIn(this.requireCounter(), officerId, pin);
        } finally {
          // A wrong PIN may have locked the officer out: the officer console shows it.
          this.publish();
        }
      },
      'officer:signOut': async ({ pin }) => {
        try {
          await this.duty.signOutWithPin(this.requireCounter(), pin);
          return null;
        } finally {
          this.publish();
        }
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
        // A kiosk that belongs to no server has nothing to guard yet: its setup screen needs
        // only the address and a one-time code. Once enrolled, moving it takes the centre's
        // technician PIN as well as a fresh code of the new server.
        if (this.sync.isEnrolled()) await this.checkTechnician(pin ?? '');
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
