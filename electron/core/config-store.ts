import {
  MisuseRulesSchema,
  RatingPromptSettingsSchema,
  SpeechSettingsSchema,
  type MisuseRules,
  type SpeechSettings,
} from '../../shared/contract/centre-settings.ts';
import type { Counter, KioskConfig, RatingLevel, RatingReason } from '../../shared/domain/config.ts';
import type { OfficerChoice } from '../../shared/contract/kiosk-state.ts';
import { cachedStatement, type Db } from './database.ts';
import { isPhotoDataUrl } from '../../shared/domain/officer-photo.ts';

export interface StoredOfficer {
  id: string;
  fullName: string;
  agencyId: string;
  agencyName: string;
  pinHash: string | null;
  active: boolean;
}

/** Officers may carry a PIN hash: PINs are set centrally and verified offline. */
export type ConfigWithPins = KioskConfig & {
  officerPins?: Record<string, string>;
  officerPhotos?: Record<string, string> | undefined;
  misuse?: MisuseRules | undefined;
  ratingPrompt?: { dossierRequired: boolean } | undefined;
  speech?: SpeechSettings | undefined;
};

/** Settings keys of what the console decides for this one kiosk (delivered with its assignment). */
export const CONSOLE_RATING_VOICE_KEY = 'kiosk.ratingVoice.console';

/** Reads and replaces the configuration tables. */
export class ConfigStore {
  constructor(private readonly db: Db) {}

  getSetting(key: string): string | null {
    const select = cachedStatement<[string], { value: string }>(this.db, 'SELECT value FROM settings WHERE key = ?');
    return select.get(key)?.value ?? null;
  }

  setSetting(key: string, value: string): void {
    this.db
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(key, value);
  }

  deleteSetting(key: string): void {
    this.db.prepare('DELETE FROM settings WHERE key = ?').run(key);
  }

  configVersion(): number {
    return Number(this.getSetting('config.version') ?? -1);
  }

  /**
   * Replaces agencies, officers, counters and the scale in one transaction. `endRemovedDuty`
   * ends (with events) the sign-ins of officers no longer active; without it they are dropped.
   */
  applyConfig(config: ConfigWithPins, endRemovedDuty?: () => void): void {
    const db = this.db;
    db.transaction(() => {
      // Duty is local state: it survives a config change unless its officer vanished.
      db.exec('DELETE FROM rating_levels; DELETE FROM rating_reasons; DELETE FROM counters;');
      const keepPins = new Map(
        db
          .prepare<[], { id: string; pin_hash: string | null }>('SELECT id, pin_hash FROM officers')
          .all()
          .map((row) => [row.id, row.pin_hash]),
      );
      db.exec('DELETE FROM officers; DELETE FROM agencies;');
      const insertAgency = db.prepare('INSERT INTO agencies (id, name, sort_order, active) VALUES (?, ?, ?, ?)');
      for (const a of config.agencies) insertAgency.run(a.id, a.name, a.order, a.active ? 1 : 0);
      const insertOfficer = db.prepare(
        'INSERT INTO officers (id, full_name, agency_id, sort_order, active, pin_hash, photo) VALUES (?, ?, ?, ?, ?, ?, ?)',
      );
      for (const o of config.officers) {
        const pin = config.officerPins?.[o.id] ?? keepPins.get(o.id) ?? null;
        // Only an image `data:` URL reaches the screen; anything else is dropped, not shown.
        const photo = config.officerPhotos?.[o.id];
        insertOfficer.run(
          o.id,
          o.fullName,
          o.agencyId,
          o.order,
          o.active ? 1 : 0,
          pin,
          photo && isPhotoDataUrl(photo) ? photo : null,
        );
      }
      const insertCounter = db.prepare('INSERT INTO counters (id, number, name) VALUES (?, ?, ?)');
      for (const c of config.counters) insertCounter.run(c.id, c.number, c.name);
      const insertLevel = db.prepare('INSERT INTO rating_levels (code, label, sort_order, low) VALUES (?, ?, ?, ?)');
      for (const l of config.ratingLevels) insertLevel.run(l.code, l.label, l.order, l.low ? 1 : 0);
      const insertReason = db.prepare('INSERT INTO rating_reasons (code, label, sort_order) VALUES (?, ?, ?)');
      for (const r of config.ratingReasons) insertReason.run(r.code, r.label, r.order);
      if (endRemovedDuty) endRemovedDuty();
      else db.prepare('DELETE FROM duty WHERE officer_id NOT IN (SELECT id FROM officers WHERE active = 1)').run();
      this.setSetting('config.version', String(config.version));
      this.setSetting('centre.name', config.centreName);
      // A server from before the misuse rules sends none: the kiosk keeps its own interval.
      if (config.misuse) this.setSetting('misuse.rules', JSON.stringify(config.misuse));
      if (config.ratingPrompt) this.setSetting('rating.prompt', JSON.stringify(config.ratingPrompt));
      if (config.speech) this.setSetting('speech.settings', JSON.stringify(config.speech));
    })();
  }

  /** The misuse rules the server delivered, or null when it sent none. */
  misuseRules(): MisuseRules | null {
    const stored = this.getSetting('misuse.rules');
    if (!stored) return null;
    const parsed = MisuseRulesSchema.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : null;
  }

  /** The centre requires a dossier code before `Hoàn thành` (delivered by the server; default no). */
  dossierRequired(): boolean {
    const stored = this.getSetting('rating.prompt');
    if (!stored) return false;
    const parsed = RatingPromptSettingsSchema.safeParse(JSON.parse(stored));
    return parsed.success && parsed.data.dossierRequired;
  }

  /**
   * This kiosk's rating prompt also invites by voice (default on). The console's choice for
   * this kiosk wins over the technician's, as the console's printer does.
   */
  ratingVoice(): boolean {
    const chosen = this.getSetting(CONSOLE_RATING_VOICE_KEY) ?? this.getSetting('kiosk.ratingVoice');
    return chosen !== 'off';
  }

  /** The console has set this kiosk's voice invitation (the technician's switch then has no say). */
  ratingVoiceFromConsole(): boolean {
    return this.getSetting(CONSOLE_RATING_VOICE_KEY) !== null;
  }

  /** The centre prefers a system vi-VN voice where one exists (delivered by the server; default: the bundled clips). */
  preferSystemVoice(): boolean {
    const stored = this.getSetting('speech.settings');
    if (!stored) return false;
    const parsed = SpeechSettingsSchema.safeParse(JSON.parse(stored));
    return parsed.success && parsed.data.preferSystemVoice;
  }

  centreName(): string {
    return this.getSetting('centre.name') ?? 'Trung tâm Phục vụ hành chính công';
  }

  counters(): Counter[] {
    return this.db.prepare<[], Counter>('SELECT id, number, name FROM counters ORDER BY number').all();
  }

  counter(id: string): Counter | null {
    return this.db.prepare<[string], Counter>('SELECT id, number, name FROM counters WHERE id = ?').get(id) ?? null;
  }

  ratingLevels(): RatingLevel[] {
    return cachedStatement<[], { code: string; label: string; order: number; low: number }>(
      this.db,
      'SELECT code, label, sort_order AS "order", low FROM rating_levels ORDER BY sort_order',
    )
      .all()
      .map((row) => ({ ...row, low: row.low === 1 }));
  }

  ratingReasons(): RatingReason[] {
    return this.db
      .prepare<[], RatingReason>('SELECT code, label, sort_order AS "order" FROM rating_reasons ORDER BY sort_order')
      .all();
  }

  /** Active officers in Phụ lục 2 order: agency order, then order within the agency. */
  officerChoices(): OfficerChoice[] {
    return this.db
      .prepare<[], OfficerChoice>(
        `SELECT o.id, o.full_name AS fullName, a.name AS agencyName
           FROM officers o JOIN agencies a ON a.id = o.agency_id
          WHERE o.active = 1
          ORDER BY a.sort_order, o.sort_order, o.full_name`,
      )
      .all();
  }

  officer(id: string): StoredOfficer | null {
    const row = this.db
      .prepare<
        [string],
        { id: string; fullName: string; agencyId: string; agencyName: string; pinHash: string | null; active: number }
      >(
        `SELECT o.id, o.full_name AS fullName, o.agency_id AS agencyId, a.name AS agencyName,
                o.pin_hash AS pinHash, o.active
           FROM officers o JOIN agencies a ON a.id = o.agency_id WHERE o.id = ?`,
      )
      .get(id);
    return row ? { ...row, active: row.active === 1 } : null;
  }
}
