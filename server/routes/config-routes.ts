import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context.ts';
import { agencyRoutes } from './config/agency-routes.ts';
import { centreRoutes } from './config/centre-routes.ts';
import { centresRoutes } from './config/centres-routes.ts';
import { counterRoutes } from './config/counter-routes.ts';
import { officerRoutes } from './config/officer-routes.ts';
import { queueRoutes } from './config/queue-routes.ts';
import { ratingScaleRoutes } from './config/rating-scale-routes.ts';

export { nextOfficerOrder } from './config/officer-order.ts';

/** Configuration the console edits and the kiosks receive: one file per resource in config/. */
export function configRoutes(app: FastifyInstance, server: ServerContext): void {
  centreRoutes(app, server);
  centresRoutes(app, server);
  agencyRoutes(app, server);
  officerRoutes(app, server);
  counterRoutes(app, server);
  queueRoutes(app, server);
  ratingScaleRoutes(app, server);
}
