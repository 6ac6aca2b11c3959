import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { KioskEventSchema, type KioskEvent } from '../../shared/domain/events.ts';
import type { ServerContext } from '../context.ts';
import { PgListener } from '../db/pg-listener.ts';
import { deliverIngested, setIngestRelay, wantsBatchesFromElsewhere, type IngestedBatch } from './live-events.ts';
import { refreshRunningHubs } from './live-hub.ts';

/**
 * Several server processes on one PostgreSQL database: a batch a kiosk syncs to one process
 * wakes the live feeds (Today, the board) of every other through LISTEN/NOTIFY. The notice
 * carries only ids (the device, the events); each process reads the events from the database.
 */
export const LIVE_CHANNEL = 'hailong_live';
/** NOTIFY payloads must stay under 8,000 bytes: 100 ids of ≤ 64 characters fit with room. */
const IDS_PER_NOTICE = 100;
const NOTICE_VERSION = 1;

const NoticeSchema = z.object({
  v: z.literal(NOTICE_VERSION),
  /** The process that sent it: it has already woken its own feeds. */
  o: z.string().min(1).max(64),
  k: z.literal('ingested'),
  d: z.string().min(1).max(64),
  e: z.array(z.string().min(1).max(64)).min(1).max(IDS_PER_NOTICE),
});
type Notice = z.infer<typeof NoticeSchema>;

export interface CrossProcessLive {
  listener: PgListener;
  close(): Promise<void>;
}

function notices(origin: string, batch: IngestedBatch): string[] {
  const ids = batch.events.map((event) => event.id);
  const out: string[] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_NOTICE) {
    const notice: Notice = {
      v: NOTICE_VERSION,
      o: origin,
      k: 'ingested',
      d: batch.deviceId,
      e: ids.slice(i, i + IDS_PER_NOTICE),
    };
    out.push(JSON.stringify(notice));
  }
  return out;
}

async function eventsById(server: ServerContext, deviceId: string, ids: readonly string[]): Promise<KioskEvent[]> {
  const rows = await server.db
    .selectFrom('events')
    .select(['body'])
    .where('device_id', '=', deviceId)
    .where('id', 'in', ids)
    .orderBy('seq')
    .execute();
  const events: KioskEvent[] = [];
  for (const row of rows) {
    const parsed = KioskEventSchema.safeParse(JSON.parse(row.body));
    if (parsed.success) events.push(parsed.data);
  }
  return events;
}

/** Starts listening (PostgreSQL only) and relays this process's batches to the others. */
export async function startCrossProcessLive(
  app: FastifyInstance,
  server: ServerContext,
  databaseUrl: string,
): Promise<CrossProcessLive> {
  const origin = randomUUID();
  const receive = async (payload: string) => {
    let json: unknown;
    try {
      json = JSON.parse(payload);
    } catch {
      return;
    }
    const notice = NoticeSchema.safeParse(json);
    if (!notice.success || notice.data.o === origin) return;
    // No open live page here: nothing to read (the alert rules run where the batch was stored).
    if (!wantsBatchesFromElsewhere(server)) return;
    const events = await eventsById(server, notice.data.d, notice.data.e);
    if (events.length > 0) deliverIngested(server, { deviceId: notice.data.d, events });
  };
  const listener = new PgListener({
    connectionString: databaseUrl,
    channel: LIVE_CHANNEL,
    log: server.log,
    onNotification: (payload) => {
      receive(payload).catch((error: unknown) => server.log(`Thông báo trực tiếp: ${String(error)}`));
    },
    onReconnect: () => {
      refreshRunningHubs(app).catch((error: unknown) => server.log(`Thông báo trực tiếp: ${String(error)}`));
    },
  });
  if (!(await listener.start())) {
    server.log('Chưa kết nối được kênh thông báo trực tiếp của PostgreSQL; sẽ thử lại.');
  }
  setIngestRelay(server, (batch) => {
    for (const payload of notices(origin, batch)) {
      sql`SELECT pg_notify(${LIVE_CHANNEL}, ${payload})`
        .execute(server.db)
        .catch((error: unknown) => server.log(`Không gửi được thông báo trực tiếp: ${String(error)}`));
    }
  });
  return {
    listener,
    close: async () => {
      setIngestRelay(server, null);
      await listener.close();
    },
  };
}
