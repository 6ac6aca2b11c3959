import type { FastifyInstance } from 'fastify';
import { AlertsReportSchema } from '../../shared/contract/console-responses.ts';
import { z } from 'zod';
import {
  AlertSettingsSchema,
  DEFAULT_ALERT_SETTINGS,
  type AlertRow,
  type AlertSettings,
  type AlertsReport,
} from '../../shared/contract/console-api.ts';
import { vietnamDay } from '../../shared/domain/vietnam-time.ts';
import { readJsonLevelled, writeLevelled, type LevelledValue, type SettingLevel } from '../config/centre-settings.ts';
import { sendSource, settingsLevel, SettingsLevelQuerySchema } from '../routes/settings-level.ts';
import type { ServerContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { addRoute } from '../routes/route.ts';
import { ratingsStats } from './ratings-stats-query.ts';
import { readCentre, type ReportCentre } from '../reports/centre-filter.ts';
import { ReadCentreQuerySchema } from '../../shared/contract/centres-api.ts';

export const ALERT_SETTINGS_KEY = 'console.alerts';

/** A centre's alert thresholds, else the province's (null: the province's). */
export async function alertSettingsAt(db: Db, level: SettingLevel): Promise<LevelledValue<AlertSettings>> {
  return readJsonLevelled(db, ALERT_SETTINGS_KEY, AlertSettingsSchema, DEFAULT_ALERT_SETTINGS, level);
}

export async function readAlertSettings(db: Db, level: SettingLevel = null): Promise<AlertSettings> {
  return (await alertSettingsAt(db, level)).value;
}

const minusDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

/** Officers whose share of low ratings or whose coverage crosses a threshold over the last N days. */
export async function alertsReport(
  db: Db,
  settings: AlertSettings,
  now: Date,
  centre: ReportCentre | null = null,
): Promise<AlertsReport> {
  const to = vietnamDay(now);
  const from = minusDays(to, settings.days - 1);
  const stats = await ratingsStats(db, { from, to }, centre);
  const low = stats.levels.map((l) => l.low);
  const merged = new Map<string, AlertRow>();
  for (const row of stats.byOfficer) {
    const entry = merged.get(row.officerId) ?? {
      officerId: row.officerId,
      fullName: row.fullName,
      agencyName: row.agencyName,
      ratings: 0,
      lowRatings: 0,
      lowSharePercent: null,
      ticketsServed: 0,
      ticketRatings: 0,
      coveragePercent: null,
      reasons: [],
    };
    entry.ratings += row.total;
    entry.lowRatings += row.counts.reduce((sum, n, i) => sum + (low[i] ? n : 0), 0);
    entry.ticketsServed += row.ticketsServed;
    entry.ticketRatings += row.ticketRatings;
    merged.set(row.officerId, entry);
  }
  const rows: AlertRow[] = [];
  for (const entry of merged.values()) {
    entry.lowSharePercent = entry.ratings > 0 ? (entry.lowRatings / entry.ratings) * 100 : null;
    entry.coveragePercent = entry.ticketsServed > 0 ? (entry.ticketRatings / entry.ticketsServed) * 100 : null;
    // Too few ratings or tickets say nothing yet: one "Kém" out of one is not a pattern.
    if (entry.ratings >= settings.minRatings && entry.lowSharePercent! >= settings.lowSharePercent) {
      entry.reasons.push('low_share');
    }
    if (entry.ticketsServed >= settings.minRatings && entry.coveragePercent! < settings.coveragePercent) {
      entry.reasons.push('low_coverage');
    }
    if (entry.reasons.length > 0) rows.push(entry);
  }
  return { settings, from, to, rows };
}

export function alertsRoutes(app: FastifyInstance, server: ServerContext): void {
  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/console/alerts',
    summary: 'Cảnh báo: cán bộ có tỷ lệ đánh giá thấp hoặc tỷ lệ được đánh giá vượt ngưỡng trong N ngày gần nhất',
    access: 'supervisor',
    query: ReadCentreQuerySchema.extend({
      days: z.coerce.number().int().min(1).max(366).optional(),
      lowSharePercent: z.coerce.number().min(0).max(100).optional(),
      coveragePercent: z.coerce.number().min(0).max(100).optional(),
      minRatings: z.coerce.number().int().min(1).max(100_000).optional(),
    }),
    response: AlertsReportSchema,
    centre: 'own',
    handler: async ({ query, request, user }) => {
      const centre = await readCentre(server.db, user, request.query);
      // The centre's own thresholds; every centre together: the province's.
      const stored = await readAlertSettings(server.db, centre?.id ?? null);
      const settings: AlertSettings = {
        days: query.days ?? stored.days,
        lowSharePercent: query.lowSharePercent ?? stored.lowSharePercent,
        coveragePercent: query.coveragePercent ?? stored.coveragePercent,
        minRatings: query.minRatings ?? stored.minRatings,
      };
      return alertsReport(server.db, settings, server.now(), centre);
    },
  });
  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/console/alert-settings',
    summary: 'Ngưỡng cảnh báo đang dùng',
    access: 'supervisor',
    response: AlertSettingsSchema,
    centre: 'own',
    query: SettingsLevelQuerySchema,
    handler: async ({ request, reply, user }) =>
      sendSource(reply, await alertSettingsAt(server.db, await settingsLevel(server.db, user, request))),
  });
  addRoute(app, server, {
    method: 'PUT',
    url: '/api/v1/console/alert-settings',
    summary: 'Đổi ngưỡng cảnh báo (số ngày, tỷ lệ đánh giá thấp, tỷ lệ được đánh giá, số lượt tối thiểu)',
    access: 'supervisor',
    body: AlertSettingsSchema,
    response: AlertSettingsSchema,
    centre: 'own',
    query: SettingsLevelQuerySchema,
    handler: async ({ body, request, user }) => {
      await writeLevelled(
        server.db,
        ALERT_SETTINGS_KEY,
        JSON.stringify(body),
        await settingsLevel(server.db, user, request),
      );
      return body;
    },
  });
}
