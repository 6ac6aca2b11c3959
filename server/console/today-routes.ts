import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { authenticateUser } from '../auth/guard.ts';
import type { ServerContext } from '../context.ts';
import { addRoute } from '../routes/route.ts';
import { onIngested } from './live-events.ts';
import { openSse } from './sse.ts';
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
  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/console/today',
    summary: 'Hôm nay: từng quầy (cán bộ trực, số đang phục vụ, số người chờ, kiosk) và tổng số phiếu, đánh giá',
    access: 'supervisor',
    handler: () => todaySnapshot(server.db, server.now()),
  });

  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/console/today/stream',
    summary: 'Hôm nay, cập nhật trực tiếp (server-sent events `today`) sau mỗi lần kiosk đồng bộ',
    access: 'supervisor',
    produces: ['text/event-stream'],
    handler: async ({ request, reply }) => {
      const stream = openSse(app, request, reply);
      let timer: ReturnType<typeof setTimeout> | null = null;
      let busy = false;
      let again = false;
      const push = async (): Promise<void> => {
        if (busy) {
          again = true;
          return;
        }
        busy = true;
        try {
          stream.send('today', await todaySnapshot(server.db, server.now()));
        } catch (error) {
          server.log(`Không tính được trang Hôm nay: ${String(error)}`);
        } finally {
          busy = false;
        }
        if (again) {
          again = false;
          await push();
        }
      };
      const schedule = () => {
        if (timer) return;
        timer = setTimeout(() => {
          timer = null;
          void push();
        }, DEBOUNCE_MS);
      };
      let fingerprint = await devicesFingerprint(server);
      const backstop = setInterval(() => {
        void devicesFingerprint(server)
          .then((next) => {
            if (next !== fingerprint) {
              fingerprint = next;
              schedule();
            }
          })
          .catch(() => undefined);
      }, BACKSTOP_MS);
      const refresh = setInterval(() => {
        authenticateUser(server, request, reply, 'supervisor').then(schedule, () => {
          stream.send('expired', { message: 'Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại.' });
          stream.close();
        });
      }, REFRESH_MS);
      const unsubscribe = onIngested(server, schedule);
      stream.onClose(() => {
        unsubscribe();
        clearInterval(backstop);
        clearInterval(refresh);
        if (timer) clearTimeout(timer);
      });
      await push();
    },
  });
}
