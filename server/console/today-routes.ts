import type { FastifyInstance } from 'fastify';
import { TodaySnapshotSchema } from '../../shared/contract/console-responses.ts';
import { sql } from 'kysely';
import type { TodaySnapshot } from '../../shared/contract/console-api.ts';
import type { ServerContext } from '../context.ts';
import { addRoute } from '../routes/route.ts';
import { centreHubs, centreOfBatch } from './centre-hubs.ts';
import { readCentre } from '../reports/centre-filter.ts';
import { ReadCentreQuerySchema } from '../../shared/contract/centres-api.ts';
import { onIngested } from './live-events.ts';
import { streamToSupervisor } from './supervisor-stream.ts';
import { todaySnapshot } from './today-query.ts';

/** A sync from another process (`hailong sync import`) or a kiosk's heartbeat is noticed this fast. */
const BACKSTOP_MS = 5_000;
/** Kiosks turn offline with time alone; and an expired session must stop receiving data. */
const REFRESH_MS = 30_000;
/** Batches close together are pushed as one update. */
const DEBOUNCE_MS = 100;

async function devicesFingerprint(server: ServerContext, centreId: number | null): Promise<string> {
  let devices = server.db
    .selectFrom('devices')
    .select([sql<string | null>`max(last_sync_at)`.as('m'), sql<number | null>`sum(event_count)`.as('n')]);
  if (centreId !== null) devices = devices.where('centre_id', '=', centreId);
  const row = await devices.executeTakeFirst();
  const version = await server.db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', 'config.version')
    .executeTakeFirst();
  return `${row?.m ?? ''}|${row?.n ?? 0}|${version?.value ?? ''}`;
}

export function todayRoutes(app: FastifyInstance, server: ServerContext): void {
  const hubs = centreHubs<TodaySnapshot>(app, (centre) => ({
    name: 'Không tính được trang Hôm nay',
    event: 'today',
    compute: () => todaySnapshot(server.db, server.now(), centre),
    log: server.log,
    start: (feed) => {
      let timer: ReturnType<typeof setTimeout> | null = null;
      const schedule = () => {
        if (timer) return;
        timer = setTimeout(() => {
          timer = null;
          void feed.refresh();
        }, DEBOUNCE_MS);
      };
      // Null until the first probe answers; a change is only noticed against a known value.
      let fingerprint: string | null = null;
      const probe = () =>
        devicesFingerprint(server, centre?.id ?? null)
          .then((next) => {
            if (fingerprint !== null && next !== fingerprint) schedule();
            fingerprint = next;
          })
          .catch(() => undefined);
      void probe();
      const backstop = setInterval(() => void probe(), BACKSTOP_MS);
      const refresh = setInterval(schedule, REFRESH_MS);
      // A centre's page changes with its own kiosks' batches only (a phone rating, from no
      // kiosk, may be anyone's: every page looks).
      const unsubscribe = onIngested(server, (batch) => {
        if (!centre) schedule();
        else
          void centreOfBatch(server, batch)
            .then((centreId) => {
              if (centreId === null || centreId === centre.id) schedule();
            })
            .catch(() => undefined);
      });
      return () => {
        unsubscribe();
        clearInterval(backstop);
        clearInterval(refresh);
        if (timer) clearTimeout(timer);
      };
    },
  }));

  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/console/today',
    summary: 'Hôm nay: từng quầy (cán bộ trực, số đang phục vụ, số người chờ, kiosk) và tổng số phiếu, đánh giá',
    access: 'supervisor',
    query: ReadCentreQuerySchema,
    response: TodaySnapshotSchema,
    centre: 'own',
    handler: async ({ request, user }) =>
      todaySnapshot(server.db, server.now(), await readCentre(server.db, user, request.query)),
  });

  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/console/today/stream',
    summary: 'Hôm nay, cập nhật trực tiếp (server-sent events `today`) sau mỗi lần kiosk đồng bộ',
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
          event: 'today',
          sessionCheckMs: REFRESH_MS,
          failure: 'Không tính được trang Hôm nay',
        },
      ),
  });
}
