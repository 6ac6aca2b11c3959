import type { FastifyInstance } from 'fastify';
import { BoardSnapshotSchema } from '../../shared/contract/console-responses.ts';
import { sql } from 'kysely';
import type { BoardSnapshot } from '../../shared/contract/console-api.ts';
import { vietnamDay } from '../../shared/domain/vietnam-time.ts';
import type { ServerContext } from '../context.ts';
import { addRoute } from '../routes/route.ts';
import { boardCallsOfDay, callsOfEvents } from './board-query.ts';
import { boardSnapshot, publicCall } from './board-model.ts';
import { HttpError } from '../http-error.ts';
import { createLiveHub } from './live-hub.ts';
import { onIngested } from './live-events.ts';
import { openSse } from './sse.ts';

/** A call that reaches the server later than this (a kiosk that was offline) is shown, not announced. */
const ANNOUNCE_WITHIN_MS = 2 * 60_000;
const BACKSTOP_MS = 5_000;
/** Open board screens at once; a centre has a few TVs, so more is a misuse of the public endpoint. */
export const MAX_BOARD_STREAMS = 200;
/** Open board screens per client address, so one client cannot take every slot (a TV needs one). */
export const MAX_BOARD_STREAMS_PER_ADDRESS = 4;

async function snapshot(server: ServerContext): Promise<BoardSnapshot> {
  return boardSnapshot(await boardCallsOfDay(server.db, vietnamDay(server.now())));
}

async function callsFingerprint(server: ServerContext): Promise<string> {
  const row = await server.db
    .selectFrom('devices')
    .select(sql<number | null>`sum(event_count)`.as('n'))
    .executeTakeFirst();
  return `${vietnamDay(server.now())}|${row?.n ?? 0}`;
}

/** The waiting-room board: public, read-only, numbers and counters only. */
export function boardRoutes(app: FastifyInstance, server: ServerContext): void {
  const hub = createLiveHub<BoardSnapshot>(app, {
    name: 'Bảng gọi số',
    event: 'snapshot',
    compute: () => snapshot(server),
    log: server.log,
    start: (feed) => {
      // Null until the first probe answers; a change is only noticed against a known value.
      let fingerprint: string | null = null;
      const probe = () =>
        callsFingerprint(server).then((next) => {
          const changed = fingerprint !== null && next !== fingerprint;
          fingerprint = next;
          return changed;
        });
      void probe().catch(() => undefined);
      const unsubscribe = onIngested(server, (batch) => {
        const callIds = batch.events
          .filter((e) => e.type === 'ticket.called' || e.type === 'ticket.recalled')
          .map((e) => e.id);
        void (async () => {
          if (callIds.length > 0) {
            // Only this batch's calls are read: the projection already holds them, numbers included.
            const batchCalls = await callsOfEvents(server.db, callIds);
            const nowMs = server.now().getTime();
            const fresh = batchCalls.filter((c) => nowMs - c.ms <= ANNOUNCE_WITHIN_MS);
            for (const call of fresh) feed.broadcast('call', publicCall(call));
            feed.invalidate();
            // Late calls (a kiosk back online) update the board silently.
            if (fresh.length < batchCalls.length) await feed.refresh();
          }
          await probe();
        })().catch((error: unknown) => server.log(`Bảng gọi số: ${String(error)}`));
      });
      const backstop = setInterval(() => {
        probe()
          .then((changed) => (changed ? feed.refresh() : undefined))
          .catch(() => undefined);
      }, BACKSTOP_MS);
      return () => {
        unsubscribe();
        clearInterval(backstop);
      };
    },
  });

  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/board/calls',
    summary: 'Bảng gọi số (công khai): số đang gọi ở từng quầy và các lần gọi gần nhất',
    access: 'public',
    response: BoardSnapshotSchema,
    handler: async ({ reply }) => {
      reply.header('Cache-Control', 'no-store');
      return hub.running ? hub.current() : snapshot(server);
    },
  });

  const perAddress = new Map<string, number>();
  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/board/stream',
    summary:
      'Bảng gọi số trực tiếp (công khai, server-sent events): `snapshot` khi mở và khi cần, `call` cho mỗi lần gọi {counterNumber, counterName, number, calledAt}; tối đa 200 màn hình cùng lúc (503 khi quá) và 4 màn hình mỗi địa chỉ (429 khi quá)',
    access: 'public',
    produces: ['text/event-stream'],
    handler: async ({ request, reply }) => {
      // The board needs no login, so its open connections are bounded.
      if (hub.size >= MAX_BOARD_STREAMS) {
        reply.header('Retry-After', '30');
        throw new HttpError(
          503,
          'board_busy',
          'Bảng gọi số đang có quá nhiều màn hình kết nối. Hãy thử lại sau ít phút.',
        );
      }
      const address = request.ip;
      const fromAddress = perAddress.get(address) ?? 0;
      if (fromAddress >= MAX_BOARD_STREAMS_PER_ADDRESS) {
        reply.header('Retry-After', '30');
        throw new HttpError(
          429,
          'board_address_busy',
          'Máy này đã mở quá nhiều màn hình bảng gọi số. Hãy đóng bớt rồi thử lại.',
        );
      }
      const stream = openSse(app, request, reply);
      perAddress.set(address, fromAddress + 1);
      stream.onClose(() => {
        const left = (perAddress.get(address) ?? 1) - 1;
        if (left > 0) perAddress.set(address, left);
        else perAddress.delete(address);
      });
      hub.add(stream);
      const first = await hub.current().catch((error: unknown) => {
        server.log(`Bảng gọi số: ${String(error)}`);
        return null;
      });
      if (first) stream.send('snapshot', first);
    },
  });
}
