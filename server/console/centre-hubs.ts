import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context.ts';
import type { ReportCentre } from '../reports/centre-filter.ts';
import type { IngestedBatch } from './live-events.ts';
import { createLiveHub, type LiveHub, type LiveHubOptions } from './live-hub.ts';

/**
 * One live feed per centre a console watches (issue 13): a centre's supervisor joins their
 * centre's feed, a province admin the feed of the centre chosen or of every centre. Each feed
 * computes and sends only its centre's data, so a subscriber never receives another centre's.
 * A feed is made on its first stream and, like every hub, runs only while streams are open.
 */
export function centreHubs<T>(
  app: FastifyInstance,
  options: (centre: ReportCentre | null) => LiveHubOptions<T>,
): { hubFor: (centre: ReportCentre | null) => LiveHub<T>; all: () => Iterable<[number | null, LiveHub<T>]> } {
  const hubs = new Map<number | null, LiveHub<T>>();
  return {
    hubFor(centre) {
      const key = centre?.id ?? null;
      let hub = hubs.get(key);
      if (!hub) hubs.set(key, (hub = createLiveHub(app, options(centre))));
      return hub;
    },
    all: () => hubs.entries(),
  };
}

// Looked up once per batch, however many centres' feeds listen to it.
const batchCentres = new WeakMap<IngestedBatch, Promise<number | null>>();

/** The centre of the kiosk that sent a sync batch (null: the kiosk is unknown, e.g. deleted since). */
export function centreOfBatch(server: Pick<ServerContext, 'db'>, batch: IngestedBatch): Promise<number | null> {
  let found = batchCentres.get(batch);
  if (!found) {
    found = server.db
      .selectFrom('devices')
      .select('centre_id')
      .where('id', '=', batch.deviceId)
      .executeTakeFirst()
      .then((row) => row?.centre_id ?? null);
    batchCentres.set(batch, found);
  }
  return found;
}
