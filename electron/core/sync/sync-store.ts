import type { KioskEvent } from '../../../shared/domain/events.ts';
import type { ConfigStore } from '../config-store.ts';
import type { Db } from '../database.ts';
import { openKioskData } from '../data/index.ts';
import type { EventsData } from '../data/events.ts';
import { PLAIN_SECRET_BOX, isSealed, type SecretBox } from '../secret-box.ts';

/**
 * Settings keys. The device token lives here, in the kiosk database and nowhere else, sealed by
 * the secret box (the OS keychain under Electron) where there is one.
 */
/** Read also by the ticket views: the phone page's default address is the server's. */
export const SYNC_SERVER_URL_KEY = 'sync.serverUrl';

const KEY = {
  serverUrl: SYNC_SERVER_URL_KEY,
  deviceId: 'sync.deviceId',
  token: 'sync.deviceToken',
  lastSuccessAt: 'sync.lastSuccessAt',
  configVersion: 'sync.configVersion',
  /** Counts configurations received; a rejection is tied to the count at the time. */
  configEpoch: 'sync.configEpoch',
} as const;

export interface Enrolment {
  serverUrl: string;
  deviceId: string;
  token: string;
}

/**
 * The sync client's view of the kiosk database: its settings, and the outbox seen through
 * the rejection marker of migration 0003 (rejected events wait for a newer configuration).
 */
export class SyncStore {
  private readonly events: EventsData;

  constructor(
    private readonly db: Db,
    private readonly config: ConfigStore,
    private readonly box: SecretBox = PLAIN_SECRET_BOX,
  ) {
    this.sealPlainToken();
    this.events = openKioskData(db).events;
  }

  enrolment(): Enrolment | null {
    const serverUrl = this.config.getSetting(KEY.serverUrl);
    const deviceId = this.config.getSetting(KEY.deviceId);
    const stored = this.config.getSetting(KEY.token);
    const token = stored === null ? null : this.openToken(stored);
    return serverUrl && deviceId && token ? { serverUrl, deviceId, token } : null;
  }

  /** How the device token is kept, for the technician screen and the docs. */
  tokenKeeping(): SecretBox['kind'] {
    return this.box.kind;
  }

  /** A token that cannot be unsealed (another machine's keychain) counts as no enrolment. */
  private openToken(stored: string): string | null {
    try {
      return this.box.open(stored);
    } catch {
      return null;
    }
  }

  /** A token saved before the keychain was used is sealed at the first start that has one. */
  private sealPlainToken(): void {
    if (this.box.kind === 'plain') return;
    const stored = this.config.getSetting(KEY.token);
    if (stored !== null && !isSealed(stored)) this.config.setSetting(KEY.token, this.box.seal(stored));
  }

  /** Saves a new enrolment; the next exchange asks the new server for its configuration. */
  saveEnrolment(enrolment: Enrolment): void {
    this.db.transaction(() => {
      this.config.setSetting(KEY.serverUrl, enrolment.serverUrl);
      this.config.setSetting(KEY.deviceId, enrolment.deviceId);
      this.config.setSetting(KEY.token, this.box.seal(enrolment.token));
      this.config.deleteSetting(KEY.lastSuccessAt);
      this.config.deleteSetting(KEY.configVersion);
    })();
  }

  /** The same server (same device and token) answering at a new address. */
  saveServerUrl(serverUrl: string): void {
    this.config.setSetting(KEY.serverUrl, serverUrl);
  }

  lastSuccessAt(): string | null {
    return this.config.getSetting(KEY.lastSuccessAt);
  }

  setLastSuccessAt(at: string): void {
    this.config.setSetting(KEY.lastSuccessAt, at);
  }

  /** The version of the last configuration received from the server, or null if none yet. */
  serverConfigVersion(): number | null {
    const stored = this.config.getSetting(KEY.configVersion);
    return stored === null ? null : Number(stored);
  }

  /** Records a configuration just applied, which also gives rejected events another chance. */
  setServerConfigVersion(version: number): void {
    this.db.transaction(() => {
      this.config.setSetting(KEY.configVersion, String(version));
      this.config.setSetting(KEY.configEpoch, String(this.rejectionEpoch() + 1));
    })();
  }

  /** Events to send next, oldest first: never sent, and not refused under the current config. */
  sendable(limit: number): KioskEvent[] {
    return this.events.sendable(this.rejectionEpoch(), limit).map((body) => JSON.parse(body) as KioskEvent);
  }

  pendingCount(): number {
    return this.events.countSendable(this.rejectionEpoch());
  }

  rejectedCount(): number {
    return this.events.countRejected(this.rejectionEpoch());
  }

  markRejected(rejections: ReadonlyArray<{ id: string; reason: string }>, at: string): void {
    const epoch = this.rejectionEpoch();
    this.db.transaction(() => {
      for (const r of rejections) this.events.markRejected(r.id, r.reason.slice(0, 500), at, epoch);
    })();
  }

  /** Rejected events come back into the batches once a newer server configuration arrives. */
  private rejectionEpoch(): number {
    return Number(this.config.getSetting(KEY.configEpoch) ?? 0);
  }
}
