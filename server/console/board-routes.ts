import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { BoardSnapshot } from '../../shared/contract/console-api.ts';
import { vietnamDay } from '../../shared/domain/vietnam-time.ts';
import { listCounters } from '../config/config-repo.ts';
import type { ServerContext } from '../context.ts';
import { addRoute } from '../routes/route.ts';
import { boardCalls, boardSnapshot, publicCall, ticketNumbers } from './board-model.ts';
import { onIngested } from './live-events.ts';
import { openSse } from './sse.ts';
import { eventsOfDay } from './today-query.ts';

/** A call that reaches the server later than this (a kiosk that was offline) is shown, not announced. */
const ANNOUNCE_WITHIN_MS = 2 * 60_000;
const BACKSTOP_MS = 5_000;

async function loadToday(server: ServerContext) {
  const day = vietnamDay(server.now());
  const events = await eventsOfDay(server.db, day, 'ticket.');
  const counters = new Map((await listCounters(server.db)).map((c) => [c.id, { number: c.number, name: c.name }]));
  return { events, counters, numbers: ticketNumbers(events) };
}

async function snapshot(server: ServerContext): Promise<BoardSnapshot> {
  const { events, counters, numbers } = await loadToday(server);
  return boardSnapshot(boardCalls(events, numbers, counters));
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
  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/board/calls',
    summary: 'Bảng gọi số (công khai): số đang gọi ở từng quầy và các lần gọi gần nhất',
    access: 'public',
    handler: async ({ reply }) => {
      reply.header('Cache-Control', 'no-store');
      return snapshot(server);
    },
  });

  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/board/stream',
    summary:
      'Bảng gọi số trực tiếp (công khai, server-sent events): `snapshot` khi mở và khi cần, `call` cho mỗi lần gọi {counterNumber, counterName, number, calledAt}',
    access: 'public',
    produces: ['text/event-stream'],
    handler: async ({ request, reply }) => {
      const stream = openSse(app, request, reply);
      let fingerprint = await callsFingerprint(server);
      const unsubscribe = onIngested(server, (batch) => {
        const hasCalls = batch.events.some((e) => e.type === 'ticket.called' || e.type === 'ticket.recalled');
        if (!hasCalls) return;
        void (async () => {
          const { events, counters, numbers } = await loadToday(server);
          const batchTimed = batch.events.map((event) => ({ ms: Date.parse(event.occurredAt), event }));
          ticketNumbers(batchTimed, numbers);
          const nowMs = server.now().getTime();
          const batchCalls = boardCalls(batchTimed, numbers, counters);
          const fresh = batchCalls.filter((c) => nowMs - c.ms <= ANNOUNCE_WITHIN_MS);
          for (const call of fresh) stream.send('call', publicCall(call));
          // Late calls (a kiosk back online) update the board silently.
          if (fresh.length < batchCalls.length)
            stream.send('snapshot', boardSnapshot(boardCalls(events, numbers, counters)));
          fingerprint = await callsFingerprint(server);
        })().catch((error: unknown) => server.log(`Bảng gọi số: ${String(error)}`));
      });
      const backstop = setInterval(() => {
        void callsFingerprint(server)
          .then(async (next) => {
            if (next === fingerprint) return;
            fingerprint = next;
            stream.send('snapshot', await snapshot(server));
          })
          .catch(() => undefined);
      }, BACKSTOP_MS);
      stream.onClose(() => {
        unsubscribe();
        clearInterval(backstop);
      });
      stream.send('snapshot', await snapshot(server));
    },
  });
}
