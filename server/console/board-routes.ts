import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { CentreOut } from '../../shared/contract/centres-api.ts';
import { BoardCentreSchema, BoardSnapshotSchema } from '../../shared/contract/console-responses.ts';
import { centreByCode, centreById, firstCentreId } from '../config/centres.ts';
import { sql } from 'kysely';
import type { BoardSnapshot } from '../../shared/contract/console-api.ts';
import { vietnamDay } from '../../shared/domain/vietnam-time.ts';
import type { ServerContext } from '../context.ts';
import { addRoute } from '../routes/route.ts';
import { boardCallsOfDay, callsOfEvents } from './board-query.ts';
import { boardSnapshot, publicCall } from './board-model.ts';
import { HttpError, notFound } from '../http-error.ts';
import { createLiveHub, type LiveHub } from './live-hub.ts';
import { onIngested, type IngestedBatch } from './live-events.ts';
import { deviceCentreId } from '../queue/device-centre.ts';
import { openSse } from './sse.ts';

/** A call that reaches the server later than this (a kiosk that was offline) is shown, not announced. */
const ANNOUNCE_WITHIN_MS = 2 * 60_000;
const BACKSTOP_MS = 5_000;
/** Open board screens at once; a centre has a few TVs, so more is a misuse of the public endpoint. */
export const MAX_BOARD_STREAMS = 200;
/** Open board screens per client address, so one client cannot take every slot (a TV needs one). */
export const MAX_BOARD_STREAMS_PER_ADDRESS = 4;

async function snapshot(server: ServerContext, centreId: number): Promise<BoardSnapshot> {
  return boardSnapshot(await boardCallsOfDay(server.db, vietnamDay(server.now()), centreId));
}

async function callsFingerprint(server: ServerContext, centreId: number): Promise<string> {
  const row = await server.db
    .selectFrom('devices')
    .select(sql<number | null>`sum(event_count)`.as('n'))
    .where('centre_id', '=', centreId)
    .executeTakeFirst();
  return `${vietnamDay(server.now())}|${row?.n ?? 0}`;
}

/** `?centre=<code>` of the board's address; none: the first centre (a single-centre install). */
const BoardQuerySchema = z.object({ centre: z.string().trim().max(64).optional() });

/** The centre a board shows; an unknown code is a 404 the board page explains on screen. */
async function boardCentre(server: ServerContext, code: string | undefined): Promise<CentreOut> {
  if (code === undefined || code === '') return (await centreById(server.db, await firstCentreId(server.db)))!;
  const centre = await centreByCode(server.db, code);
  if (!centre) throw notFound(`Không có trung tâm mã "${code}". Hãy kiểm tra lại địa chỉ của bảng gọi số.`);
  return centre;
}

type BatchListener = (batch: IngestedBatch) => void;

/**
 * Hands each stored batch to the board of its device's centre only: with a hundred centres'
 * boards open, a batch costs one board's work, not a hundred. A kiosk keeps the centre it was
 * enrolled at, so each device's centre is read once.
 */
function ingestByCentre(server: ServerContext) {
  const listeners = new Map<number, BatchListener>();
  const centreOf = new Map<string, number>();
  let unsubscribe: (() => void) | null = null;
  const route = async (batch: IngestedBatch) => {
    let centreId = centreOf.get(batch.deviceId);
    if (centreId === undefined) {
      centreId = await deviceCentreId(server.db, batch.deviceId);
      centreOf.set(batch.deviceId, centreId);
    }
    listeners.get(centreId)?.(batch);
  };
  return (centreId: number, listener: BatchListener): (() => void) => {
    listeners.set(centreId, listener);
    unsubscribe ??= onIngested(server, (batch) => {
      route(batch).catch((error: unknown) => server.log(`Bảng gọi số: ${String(error)}`));
    });
    return () => {
      listeners.delete(centreId);
      if (listeners.size > 0) return;
      unsubscribe?.();
      unsubscribe = null;
    };
  };
}

/** One centre's live board feed: its counters' calls only. */
function boardHub(
  app: FastifyInstance,
  server: ServerContext,
  centreId: number,
  listen: ReturnType<typeof ingestByCentre>,
): LiveHub<BoardSnapshot> {
  return createLiveHub<BoardSnapshot>(app, {
    name: 'Bảng gọi số',
    event: 'snapshot',
    compute: () => snapshot(server, centreId),
    log: server.log,
    start: (feed) => {
      // Null until the first probe answers; a change is only noticed against a known value.
      let fingerprint: string | null = null;
      const probe = () =>
        callsFingerprint(server, centreId).then((next) => {
          const changed = fingerprint !== null && next !== fingerprint;
          fingerprint = next;
          return changed;
        });
      void probe().catch(() => undefined);
      const unsubscribe = listen(centreId, (batch) => {
        const callIds = batch.events
          .filter((e) => e.type === 'ticket.called' || e.type === 'ticket.recalled')
          .map((e) => e.id);
        void (async () => {
          if (callIds.length > 0) {
            // Only this batch's calls are read: the projection already holds them.
            const batchCalls = await callsOfEvents(server.db, callIds, centreId);
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
}

/**
 * The waiting-room boards: public, read-only, numbers and counters only; one per centre
 * (`/board/<centre code>`), each fed by its own hub, made the first time a screen opens it.
 */
export function boardRoutes(app: FastifyInstance, server: ServerContext): void {
  const hubs = new Map<number, LiveHub<BoardSnapshot>>();
  const listen = ingestByCentre(server);
  const hubOf = (centreId: number) => {
    let hub = hubs.get(centreId);
    if (!hub) {
      hub = boardHub(app, server, centreId, listen);
      hubs.set(centreId, hub);
    }
    return hub;
  };
  const openStreams = () => [...hubs.values()].reduce((n, hub) => n + hub.size, 0);

  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/board/centre',
    summary: 'Trung tâm của bảng gọi số (công khai): mã và tên theo ?centre=<mã>; không có mã: trung tâm đầu tiên',
    access: 'public',
    query: BoardQuerySchema,
    response: BoardCentreSchema,
    handler: async ({ query }) => {
      const { code, name } = await boardCentre(server, query.centre);
      return { code, name };
    },
  });

  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/board/calls',
    summary:
      'Bảng gọi số (công khai): số đang gọi ở từng quầy và các lần gọi gần nhất của một trung tâm (?centre=<mã>; 404 khi không có)',
    access: 'public',
    query: BoardQuerySchema,
    response: BoardSnapshotSchema,
    handler: async ({ reply, query }) => {
      const centre = await boardCentre(server, query.centre);
      reply.header('Cache-Control', 'no-store');
      const hub = hubs.get(centre.id);
      return hub?.running ? hub.current() : snapshot(server, centre.id);
    },
  });

  const perAddress = new Map<string, number>();
  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/board/stream',
    summary:
      'Bảng gọi số trực tiếp của một trung tâm (công khai, server-sent events, ?centre=<mã>; 404 khi không có): `snapshot` khi mở và khi cần, `call` cho mỗi lần gọi {counterNumber, counterName, number, calledAt}; tối đa 200 màn hình cùng lúc (503 khi quá) và 4 màn hình mỗi địa chỉ (429 khi quá)',
    access: 'public',
    query: BoardQuerySchema,
    produces: ['text/event-stream'],
    handler: async ({ request, reply, query }) => {
      const hub = hubOf((await boardCentre(server, query.centre)).id);
      // The board needs no login, so its open connections are bounded (every centre's together).
      if (openStreams() >= MAX_BOARD_STREAMS) {
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
