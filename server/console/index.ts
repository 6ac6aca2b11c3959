import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context.ts';
import { alertsRoutes } from './alerts-routes.ts';
import { attributionRoutes } from './attribution-routes.ts';
import { boardRoutes } from './board-routes.ts';
import { liveAlertsRoutes } from './live-alerts-routes.ts';
import { misuseRulesRoutes } from './misuse-rules-routes.ts';
import { ratingPromptRoutes } from './rating-prompt-routes.ts';
import { ratingsStatsRoutes } from './ratings-stats-routes.ts';
import { sessionRoutes } from './session-routes.ts';
import { speechRoutes } from './speech-routes.ts';
import { closeStreamsOnShutdown } from './sse.ts';
import { staticRoutes } from './static-routes.ts';
import { todayRoutes } from './today-routes.ts';

/** The supervisor console's API and pages, and the public waiting-room board. */
// Still a promise: the caller awaits it, and a later step may need to wait for something.
export function consoleRoutes(app: FastifyInstance, server: ServerContext): Promise<void> {
  closeStreamsOnShutdown(app);
  sessionRoutes(app, server);
  todayRoutes(app, server);
  ratingsStatsRoutes(app, server);
  alertsRoutes(app, server);
  attributionRoutes(app, server);
  liveAlertsRoutes(app, server);
  misuseRulesRoutes(app, server);
  ratingPromptRoutes(app, server);
  boardRoutes(app, server);
  speechRoutes(app, server);
  staticRoutes(app);
  return Promise.resolve();
}
