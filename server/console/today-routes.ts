import type { FastifyInstance } from 'fastify';
import { TodaySnapshotSchema } from '../../shared/contract/console-responses.ts';
import { sql } from 'kysely';
import type { TodaySnapshot } from '../../shared/contract/console-api.ts';
import type { ServerContext } from '../context.ts';
import { addRoute } from '../routes/route.ts';
import { createLiveHub } from './live-hub.ts';
import { onIngested } from './live-events.ts';
import { streamToSupervisor } from './supervisor-stream.ts';
import { todaySnapshot } from './today-query.ts';

/** A sync from another process (`hailong sync import`) or a kiosk's heartbeat is noticed this fast. */
const BACKSTOP_MS = 5_000;
/** Kiosks turn offline with time alone; and an expired session must stop receiving data. */
const REFRESH_MS = 30_000;
/** Batches close together are pushed as one update. */
const DEBOUNCE_MS = 100;

async function devicesFingerprint(server: ServerContext): Promise<string> {
  const row = await server.db
    .selectFrom('devices')
    .select([sql<string | null>`max(last_sync_at)`.as('m'), sql<number | null>`sum(event_count)`.as('n')])
    .executeTakeFirst();
  const version = await server.db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', 'config.version')
    .executeTakeFirst();
  return `${row?.m ?? ''}|${row?.n ?? 0}|${version?.value ?? ''}`;
}

export function todayRoutes(app: FastifyInstance, server: ServerContext): void {
  const hub = createLiveHub<TodaySnapshot>(app, {
    name: 'Không tính được trang Hôm nay',
    event: 'today',
    compute: () => todaySnapshot(server.db, server.now()),
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
        devicesFingerprint(server)
          .then((next) => {
            if (fingerprint !== null && next !== fingerprint) schedule();
            fingerprint = next;
          })
          .catch(() => undefined);
      void probe();
      const backstop = setInterval(() => void probe(), BACKSTOP_MS);
      const refresh = setInterval(schedule, REFRESH_MS);
      const unsubscribe = onIngested(server, schedule);
      return () => {
        unsubscribe();
        clearInterval(backstop);
        clearInterval(refresh);
        if (timer) clearTimeout(timer);
      };
    },
  });

  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/console/today',
    summary: 'Hôm nay: từng quầy (cán bộ trực, số đang phục vụ, số người chờ, kiosk) và tổng số phiếu, đánh giá',
    access: 'supervisor',
    response: TodaySnapshotSchema,
    handler: () => todaySnapshot(server.db, server.now()),
  });

  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/console/today/stream',
    summary: 'Hôm nay, cập nhật trực tiếp (server-sent events `today`) sau mỗi lần kiosk đồng bộ',
    access: 'supervisor',
    produces: ['text/event-stream'],
    handler: (context) =>
      streamToSupervisor(app, server, context, hub, {
        event: 'today',
        sessionCheckMs: REFRESH_MS,
        failure: 'Không tính được trang Hôm nay',
      }),
  });
}
