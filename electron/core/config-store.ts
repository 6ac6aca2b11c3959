import {
  MisuseRulesSchema,
  RatingPromptSettingsSchema,
  SpeechSettingsSchema,
  type MisuseRules,
  type SpeechSettings,
} from '../../shared/contract/centre-settings.ts';
import type { Counter, KioskConfig, RatingLevel, RatingReason } from '../../shared/domain/config.ts';
import type { OfficerChoice } from '../../shared/contract/kiosk-state.ts';
import type { Db } from './database.ts';
import { openKioskData } from './data/index.ts';
import type { ConfigTablesData, StoredOfficer } from './data/config-tables.ts';
import type { SettingsData } from './data/settings.ts';
import { isPhotoDataUrl } from '../../shared/domain/officer-photo.ts';

export type { StoredOfficer };

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
  private readonly settings: SettingsData;
  private readonly tables: ConfigTablesData;

  constructor(private readonly db: Db) {
    const data = openKioskData(db);
    this.settings = data.settings;
    this.tables = data.configTables;
  }

  getSetting(key: string): string | null {
    return this.settings.get(key);
  }

  setSetting(key: string, value: string): void {
    this.settings.set(key, value);
  }

  deleteSetting(key: string): void {
    this.settings.delete(key);
  }

  configVersion(): number {
    return Number(this.getSetting('config.version') ?? -1);
  }

  /**
   * Replaces agencies, officers, counters and the scale in one transaction. `endRemovedDuty`
   * ends (with events) the sign-ins of officers no longer active; without it they are dropped.
   */
  applyConfig(config: ConfigWithPins, endRemovedDuty?: () => void): void {
    const tables = this.tables;
    this.db.transaction(() => {
      // Duty is local state: it survives a config change unless its officer vanished.
      tables.clearScale();
      const keepPins = tables.officerPins();
      tables.clearPeople();
      for (const a of config.agencies) tables.insertAgency(a);
      for (const o of config.officers) {
        // Only an image `data:` URL reaches the screen; anything else is dropped, not shown.
        const photo = config.officerPhotos?.[o.id];
        tables.insertOfficer({
          ...o,
          pinHash: config.officerPins?.[o.id] ?? keepPins.get(o.id) ?? null,
          photo: photo && isPhotoDataUrl(photo) ? photo : null,
        });
      }
      for (const c of config.counters) tables.insertCounter(c);
      for (const l of config.ratingLevels) tables.insertLevel(l);
      for (const r of config.ratingReasons) tables.insertReason(r);
      if (endRemovedDuty) endRemovedDuty();
      else openKioskData(this.db).duty.removeInactiveOfficers();
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
    return this.tables.counters();
  }

  counter(id: string): Counter | null {
    return this.tables.counter(id);
  }

  ratingLevels(): RatingLevel[] {
    return this.tables.ratingLevels();
  }

  ratingReasons(): RatingReason[] {
    return this.tables.ratingReasons();
  }

  /** Active officers in Phụ lục 2 order: agency order, then order within the agency. */
  officerChoices(): OfficerChoice[] {
    return this.tables.officerChoices();
  }

  officer(id: string): StoredOfficer | null {
    return this.tables.officer(id);
  }
}
