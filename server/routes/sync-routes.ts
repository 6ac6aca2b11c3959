import type { FastifyInstance } from 'fastify';
import {
  SYNC_MAX_BYTES,
  SYNC_MAX_EVENTS,
  SUPPORTED_SYNC_PROTOCOLS,
  SYNC_PATHS,
  SYNC_PROTOCOL,
  SyncRequestSchema,
  unsupportedProtocolMessage,
  SyncResponseSchema,
  type SyncResponse,
} from '../../shared/contract/sync-protocol.ts';
import { buildSyncConfig } from '../config/config-repo.ts';
import { configVersion } from '../config/settings.ts';
import type { ServerContext } from '../context.ts';
import { HttpError, parseWith } from '../http-error.ts';
import { ingestEvents } from '../sync/ingest.ts';
import { deviceCentreId } from '../queue/device-centre.ts';
import { clearSyncRefusal, readAssignment, recordSyncRefusal } from '../sync/device-assignment.ts';
import { emitIngested } from '../console/live-events.ts';
import { addRoute } from './route.ts';
import { grantLeases } from '../queue/number-leases.ts';

export function syncRoutes(app: FastifyInstance, server: ServerContext): void {
  addRoute(app, server, {
    method: 'POST',
    url: SYNC_PATHS.sync,
    summary: 'Kiosk gửi sự kiện (tối đa 500 sự kiện hoặc 1 MB) và nhận cấu hình mới',
    access: 'device',
    bodyLimit: SYNC_MAX_BYTES,
    docBody: SyncRequestSchema,
    response: SyncResponseSchema,
    handler: async ({ request, device }) => {
      const receivedAt = server.now();
      if (!(request.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
        throw new HttpError(
          415,
          'unsupported_media_type',
          'Đồng bộ chỉ nhận dữ liệu JSON (Content-Type: application/json).',
        );
      }
      const raw = request.body as { events?: unknown } | null;
      // Too many events is a whole-request error: nothing of it is stored.
      if (raw && Array.isArray(raw.events) && raw.events.length > SYNC_MAX_EVENTS) {
        throw new HttpError(
          413,
          'batch_too_large',
          `Mỗi lần gửi tối đa ${SYNC_MAX_EVENTS} sự kiện (đã gửi ${raw.events.length}). Hãy chia nhỏ.`,
        );
      }
      const body = parseWith(SyncRequestSchema, request.body);
      // Absent: a kiosk from before protocol 2. Anything unknown is refused whole, loudly:
      // storing half-understood events would be worse than storing none.
      const protocol = body.protocol ?? 1;
      if (!SUPPORTED_SYNC_PROTOCOLS.includes(protocol)) {
        const message = unsupportedProtocolMessage(protocol);
        await recordSyncRefusal(server.db, device!.deviceId, message, receivedAt);
        throw new HttpError(400, 'unsupported_protocol', message);
      }
      const clockOffsetMs = Date.parse(body.deviceTime) - receivedAt.getTime();
      const appVersion = body.status?.appVersion ?? body.appVersion;
      const { events: storedEvents, ...result } = await ingestEvents(
        server.db,
        device!.deviceId,
        body.events,
        receivedAt,
        {
          lastSyncAt: receivedAt.toISOString(),
          clockOffsetMs,
          ...(appVersion !== undefined ? { appVersion } : {}),
          ...(body.configVersion !== undefined ? { configVersion: body.configVersion } : {}),
          ...(body.status !== undefined
            ? {
                status: {
                  printerState: body.status.printer?.state ?? null,
                  printerMessage: body.status.printer?.message ?? null,
                  pendingEvents: body.status.pending,
                  storageState: body.status.storage?.state ?? null,
                  at: receivedAt.toISOString(),
                },
              }
            : {}),
        },
      );
      emitIngested(server, device!.deviceId, storedEvents);
      const ack: SyncResponse = {
        ...result,
        serverTime: receivedAt.toISOString(),
        clockOffsetMs,
        // Until the extras below are read, the kiosk's own version: it asks for nothing new yet.
        configVersion: body.configVersion ?? 0,
        protocol: SYNC_PROTOCOL,
      };
      try {
        return await withExtras(ack);
      } catch (error) {
        // The batch is stored: its acknowledgement must not become a 500 that makes the kiosk
        // resend it. Assignment, leases and configuration come with the next sync.
        server.log(`Đồng bộ ${device!.deviceId}: đã lưu sự kiện nhưng không đọc được cấu hình: ${String(error)}`);
        return ack;
      }

      async function withExtras(response: SyncResponse): Promise<SyncResponse> {
        await clearSyncRefusal(server.db, device!.deviceId);
        const centreId = await deviceCentreId(server.db, device!.deviceId);
        // The kiosk's centre's version: another centre's settings change does not reach it.
        const version = await configVersion(server.db, centreId);
        const assignment = await readAssignment(server.db, device!.deviceId);
        const out: SyncResponse = { ...response, configVersion: version, assignment };
        if (body.leases !== undefined) {
          out.leases = await grantLeases(server.db, device!.deviceId, body.leases, receivedAt);
        }
        if (body.configVersion === undefined || body.configVersion < version) {
          out.config = await buildSyncConfig(server.db, assignment, centreId);
        }
        return out;
      }
    },
  });
}
