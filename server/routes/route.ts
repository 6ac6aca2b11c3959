import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Role } from '../../shared/contract/server-api.ts';
import { authenticateDevice, authenticateUser, type AuthDevice, type AuthUser } from '../auth/guard.ts';
import { checkCentreAccess, type CentreScope } from '../auth/centre-scope.ts';
import type { ServerContext } from '../context.ts';
import { HttpError, parseWith } from '../http-error.ts';

export type Access = 'public' | 'device' | Role;

/** One route: its schemas feed both validation and the OpenAPI document. */
export interface RouteDef<B = unknown, Q = unknown> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  summary: string;
  access: Access;
  /** How a centre's user is kept to their centre (auth/centre-scope.ts); none: province-wide route. */
  centre?: CentreScope;
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  /**
   * What the answer may hold: enforced, not documentation only. The handler's result is parsed
   * with it before sending, so a field the schema does not name (a PIN hash, say) is dropped.
   */
  response?: z.ZodType;
  /** The body for OpenAPI only, when the handler validates it itself (sync answers 413 before zod). */
  docBody?: z.ZodType;
  /** Request content types other than JSON (uploads), for OpenAPI. */
  consumes?: string[];
  /** Extra response descriptions for OpenAPI (e.g. file downloads). */
  produces?: string[];
  bodyLimit?: number;
  handler: (ctx: RouteCtx<B, Q>) => Promise<unknown>;
}

export interface RouteCtx<B, Q> {
  request: FastifyRequest;
  reply: FastifyReply;
  body: B;
  query: Q;
  params: Record<string, string>;
  user: AuthUser | null;
  device: AuthDevice | null;
  server: ServerContext;
}

export type AnyRoute = RouteDef<never, never>;

/** Who is calling, found in onRequest and read by the handler. */
const callers = new WeakMap<FastifyRequest, { user: AuthUser | null; device: AuthDevice | null }>();

export function addRoute<B, Q>(app: FastifyInstance, server: ServerContext, def: RouteDef<B, Q>): void {
  server.routes.push(def as unknown as AnyRoute);
  app.route({
    method: def.method,
    url: def.url,
    ...(def.bodyLimit ? { bodyLimit: def.bodyLimit } : {}),
    // Before the body is read: an anonymous upload is refused without taking up memory (issue 9).
    onRequest: async (request, reply) => {
      if (def.access === 'device') {
        callers.set(request, { user: null, device: await authenticateDevice(server, request) });
      } else if (def.access !== 'public') {
        callers.set(request, { user: await authenticateUser(server, request, reply, def.access), device: null });
      }
    },
    handler: async (request, reply) => {
      const { user, device } = callers.get(request) ?? { user: null, device: null };
      const params = (request.params ?? {}) as Record<string, string>;
      // Before validation: another centre's id or name is refused the same way whatever the body.
      if (user) {
        const raw = { params, query: (request.query ?? {}) as Record<string, unknown>, body: request.body };
        await checkCentreAccess(server.db, user, def.centre, raw);
      }
      const body = def.body ? parseWith(def.body, request.body) : (undefined as B);
      const query = def.query ? parseWith(def.query, request.query) : (undefined as Q);
      const result = await def.handler({ request, reply, body, query, params, user, device, server });
      if (reply.sent) return reply;
      if (result === undefined) return reply.code(204).send();
      return def.response ? enforceResponse(def.response, result, server.log) : result;
    },
  });
}

/** The answer as its schema allows it; an answer that does not fit is a server bug, refused as a 500. */
export function enforceResponse(schema: z.ZodType, result: unknown, log: (message: string) => void): unknown {
  const parsed = schema.safeParse(result);
  if (parsed.success) return parsed.data;
  log(`Câu trả lời sai mẫu, không gửi: ${JSON.stringify(parsed.error.issues).slice(0, 2000)}`);
  throw new HttpError(
    500,
    'invalid_response',
    'Máy chủ tạo ra câu trả lời sai mẫu nên đã không gửi. Hãy báo cán bộ CNTT.',
  );
}
