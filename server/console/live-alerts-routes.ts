import type { FastifyInstance } from 'fastify';
import { LiveAlertSchema, LiveAlertsListSchema } from '../../shared/contract/console-responses.ts';
import { z } from 'zod';
import {
  AcknowledgeAlertSchema,
  DEFAULT_LIVE_ALERT_SETTINGS,
  LiveAlertSettingsSchema,
  type LiveAlertSettings,
  type LiveAlertsList,
} from '../../shared/contract/centre-settings.ts';
import { acknowledgeAlert, listAlerts } from '../alerts/live-alert-store.ts';
import { evaluateBatch } from '../alerts/live-alert-watcher.ts';
import { readJsonLevelled, writeLevelled, type LevelledValue, type SettingLevel } from '../config/centre-settings.ts';
import { sendSource, settingsLevel, SettingsLevelQuerySchema } from '../routes/settings-level.ts';
import type { ServerContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { HttpError } from '../http-error.ts';
import { addRoute } from '../routes/route.ts';
import { centreHubs, centreOfBatch } from './centre-hubs.ts';
import { readCentre } from '../reports/centre-filter.ts';
import { ReadCentreQuerySchema } from '../../shared/contract/centres-api.ts';
import { firstCentreId } from '../config/centres.ts';
import { onIngested, type IngestedBatch } from './live-events.ts';
import { streamToSupervisor } from './supervisor-stream.ts';

export const LIVE_ALERT_SETTINGS_KEY = 'console.live-alerts';
const HISTORY = 200;
/** An expired or revoked session stops receiving alerts. */
const SESSION_CHECK_MS = 30_000;

/** A centre's live alert thresholds, else the province's (null: the province's). */
export async function liveAlertSettingsAt(db: Db, level: SettingLevel): Promise<LevelledValue<LiveAlertSettings>> {
  return readJsonLevelled(db, LIVE_ALERT_SETTINGS_KEY, LiveAlertSettingsSchema, DEFAULT_LIVE_ALERT_SETTINGS, level);
}

export async function readLiveAlertSettings(db: Db, level: SettingLevel = null): Promise<LiveAlertSettings> {
  return (await liveAlertSettingsAt(db, level)).value;
}

/**
 * Alerts that act (issue 11 §6): every committed sync batch is checked against the rules, for
 * the counters and officers it touched, whether or not a console is open (the history is kept);
 * a raised or acknowledged alert is pushed at once to every open console as `alerts`.
 */
export function liveAlertsRoutes(app: FastifyInstance, server: ServerContext): void {
  const hubs = centreHubs<LiveAlertsList>(app, (centre) => ({
    name: 'Không tải được cảnh báo',
    event: 'alerts',
    compute: () => listAlerts(server.db, HISTORY, centre?.id ?? null),
    log: server.log,
    // Changes are pushed by the evaluation below; nothing to poll.
    start: () => () => undefined,
  }));
  // A centre's change goes to that centre's consoles and the province's (every centre);
  // computed only for open consoles, with none the next one to open reads the database.
  const pushAlerts = async (centreId: number): Promise<void> => {
    for (const [key, hub] of hubs.all()) {
      if (key !== null && key !== centreId) continue;
      if (hub.size > 0) await hub.refresh();
      else hub.invalidate();
    }
  };
  // One evaluation at a time: two batches for one counter never race to raise the same alert.
  // Batches that arrive meanwhile wait together and are checked as one (each counter and officer
  // once): under many kiosks the rules' queries follow what changed, not the number of syncs.
  let chain: Promise<void> = Promise.resolve();
  let waiting: IngestedBatch[] = [];
  const evaluateWaiting = async () => {
    const batches = waiting;
    waiting = [];
    // Merged per centre: an alert belongs to the centre of the kiosks that brought the evidence.
    const byCentre = new Map<number, IngestedBatch[]>();
    for (const batch of batches) {
      const centreId = (await centreOfBatch(server, batch)) ?? (await firstCentreId(server.db));
      byCentre.set(centreId, [...(byCentre.get(centreId) ?? []), batch]);
    }
    for (const [centreId, group] of byCentre) {
      const merged: IngestedBatch = { deviceId: group[0]!.deviceId, events: group.flatMap((b) => b.events) };
      // The centre's own thresholds (issue 13 §1).
      const settings = await readLiveAlertSettings(server.db, centreId);
      const raised = await evaluateBatch(server, settings, merged, centreId);
      if (raised.length > 0) await pushAlerts(centreId);
    }
  };
  // Only the process that stored a batch checks it: the alert it raises is in the database for
  // every process, and checking each batch in every process multiplied the rules' queries.
  const unsubscribe = onIngested(
    server,
    (batch) => {
      waiting.push(batch);
      if (waiting.length > 1) return; // already queued behind the evaluation under way
      chain = chain
        .then(evaluateWaiting)
        .catch((error: unknown) => server.log(`Không kiểm tra được cảnh báo: ${String(error)}`));
    },
    { storedHere: true },
  );
  app.addHook('onClose', async () => {
    unsubscribe();
    await chain;
  });

  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/console/live-alerts',
    summary: 'Cảnh báo trực tiếp: chưa xác nhận và lịch sử đã xác nhận',
    access: 'supervisor',
    query: ReadCentreQuerySchema,
    response: LiveAlertsListSchema,
    centre: 'own',
    handler: async ({ request, user }) =>
      listAlerts(server.db, HISTORY, (await readCentre(server.db, user, request.query))?.id ?? null),
  });
  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/console/live-alerts/stream',
    summary: 'Cảnh báo trực tiếp (server-sent events `alerts`), đẩy ngay khi đồng bộ mang bằng chứng',
    access: 'supervisor',
    query: ReadCentreQuerySchema,
    produces: ['text/event-stream'],
    centre: 'own',
    handler: async (context) =>
      streamToSupervisor(
        app,
        server,
        context,
        hubs.hubFor(await readCentre(server.db, context.user, context.request.query)),
        {
          event: 'alerts',
          sessionCheckMs: SESSION_CHECK_MS,
          failure: 'Không tải được cảnh báo',
        },
      ),
  });
  addRoute(app, server, {
    method: 'POST',
    url: '/api/v1/console/live-alerts/:id/acknowledge',
    summary: 'Xác nhận một cảnh báo, kèm nhận xét của người giám sát',
    access: 'supervisor',
    body: AcknowledgeAlertSchema,
    response: LiveAlertSchema,
    // Another centre's alert is a 404, as if it did not exist.
    centre: { table: 'live_alerts' },
    handler: async ({ body, params, user }) => {
      const id = z.uuid().safeParse(params.id);
      if (!id.success) throw new HttpError(404, 'not_found', 'Không tìm thấy cảnh báo này.');
      const alert = await acknowledgeAlert(server.db, id.data, user!.username, body.comment, server.now());
      await pushAlerts(alert.centreId);
      return alert;
    },
  });
  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/console/live-alert-settings',
    summary: 'Ngưỡng cảnh báo trực tiếp đang dùng',
    access: 'supervisor',
    response: LiveAlertSettingsSchema,
    centre: 'own',
    query: SettingsLevelQuerySchema,
    handler: async ({ request, reply, user }) =>
      sendSource(reply, await liveAlertSettingsAt(server.db, await settingsLevel(server.db, user, request))),
  });
  addRoute(app, server, {
    method: 'PUT',
    url: '/api/v1/console/live-alert-settings',
    summary: 'Đổi ngưỡng cảnh báo trực tiếp (quầy nhiều đánh giá thấp, cán bộ ít được đánh giá)',
    access: 'supervisor',
    body: LiveAlertSettingsSchema,
    response: LiveAlertSettingsSchema,
    centre: 'own',
    query: SettingsLevelQuerySchema,
    handler: async ({ body, request, user }) => {
      await writeLevelled(
        server.db,
        LIVE_ALERT_SETTINGS_KEY,
        JSON.stringify(body),
        await settingsLevel(server.db, user, request),
      );
      return body;
    },
  });
}
