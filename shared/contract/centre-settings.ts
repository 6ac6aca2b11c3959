import { z } from 'zod';

/** How calls are read aloud. */
export const SpeechSettingsSchema = z.strictObject({
  /** Use a system vi-VN voice where one is installed instead of the bundled clips. */
  preferSystemVoice: z.boolean(),
});
export type SpeechSettings = z.infer<typeof SpeechSettingsSchema>;

/** Thresholds of the live alerts (issue 11 §6), a centre setting. */
export const LiveAlertSettingsSchema = z.strictObject({
  /** A counter is flagged when, over this many minutes … */
  counterWindowMinutes: z.number().int().min(1).max(240),
  /** … it has at least this many ratings … */
  counterMinRatings: z.number().int().min(1).max(1000),
  /** … and at least this percentage of them are low (Trung bình, Kém). */
  counterLowSharePercent: z.number().min(1).max(100),
  /** An officer is flagged once they have served this many tickets today … */
  officerMinServed: z.number().int().min(1).max(1000),
  /** … while fewer than this percentage of those tickets were rated. */
  officerCoveragePercent: z.number().min(0).max(100),
});
export type LiveAlertSettings = z.infer<typeof LiveAlertSettingsSchema>;

export const DEFAULT_LIVE_ALERT_SETTINGS: LiveAlertSettings = {
  counterWindowMinutes: 15,
  counterMinRatings: 4,
  counterLowSharePercent: 50,
  officerMinServed: 10,
  officerCoveragePercent: 50,
};

export type LiveAlertKind = 'counter_low_ratings' | 'officer_low_coverage';

/** One alert as the console shows it; kept after acknowledgement (the history). */
export interface LiveAlert {
  id: string;
  kind: LiveAlertKind;
  /** Vietnam day it was raised, YYYY-MM-DD. */
  day: string;
  raisedAt: string;
  /** What the alert names: "Quầy số 3" or the officer's name and agency. */
  subject: string;
  counterId: string | null;
  officerId: string | null;
  /** The evidence in Vietnamese: "3 trên 4 lượt đánh giá thấp trong 15 phút". */
  message: string;
  /** Ratings (counter) or tickets served (officer) the rule looked at. */
  total: number;
  /** Low ratings (counter) or rated tickets (officer). */
  count: number;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  comment: string | null;
  /** The centre of the kiosk whose sync raised it (issue 13). */
  centreId: number;
}

export interface LiveAlertsList {
  open: LiveAlert[];
  /** Acknowledged alerts, newest first. */
  history: LiveAlert[];
}

export const AcknowledgeAlertSchema = z.strictObject({
  comment: z
    .string()
    .trim()
    .min(1, 'Hãy ghi nhận xét khi xác nhận cảnh báo.')
    .max(500, 'Nhận xét dài quá 500 ký tự.')
    .transform((s) => s.normalize('NFC')),
});

/** The three levels of the provincial one-door systems and the national service index. */
export const NATIONAL_LEVELS = ['rat_hai_long', 'hai_long', 'khong_hai_long'] as const;
export type NationalLevel = (typeof NATIONAL_LEVELS)[number];
export const NATIONAL_LEVEL_LABELS: Record<NationalLevel, string> = {
  rat_hai_long: 'Rất hài lòng',
  hai_long: 'Hài lòng',
  khong_hai_long: 'Không hài lòng',
};

/** The centre's mapping of its own levels (by code) onto the three national levels. */
export const NationalScaleMapSchema = z.record(
  z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'Mã mức đánh giá không hợp lệ'),
  z.enum(NATIONAL_LEVELS, 'Mức quốc gia phải là rat_hai_long, hai_long hoặc khong_hai_long'),
);
export type NationalScaleMap = z.infer<typeof NationalScaleMapSchema>;

/**
 * Walk-up (no ticket) presses that look like misuse are kept with a flag, out of Phụ lục 2:
 * a press sooner than `walkUpIntervalSeconds` after the last one at the counter, and any press
 * beyond `burstPresses` walk-up presses at one counter within `burstMinutes`. Set on the server,
 * delivered to kiosks with the configuration.
 */
export const MisuseRulesSchema = z.strictObject({
  walkUpIntervalSeconds: z.number().int().min(0).max(3600),
  burstPresses: z.number().int().min(1).max(1000),
  burstMinutes: z.number().int().min(1).max(240),
});
export type MisuseRules = z.infer<typeof MisuseRulesSchema>;

/** Lenient by default (a burst faster than one press every 3 s); a centre tightens it, e.g. 10 presses in 5 minutes. */
export const DEFAULT_MISUSE_RULES: MisuseRules = { walkUpIntervalSeconds: 5, burstPresses: 20, burstMinutes: 1 };

/** The rating prompt's centre settings, delivered to kiosks with the configuration (issue 11 §4). */
export const RatingPromptSettingsSchema = z.strictObject({
  /** The officer console refuses `Hoàn thành` until a dossier code (mã hồ sơ) is entered. */
  dossierRequired: z.boolean(),
});
export type RatingPromptSettings = z.infer<typeof RatingPromptSettingsSchema>;

export const DEFAULT_RATING_PROMPT_SETTINGS: RatingPromptSettings = { dossierRequired: false };
