import type { FastifyInstance } from 'fastify';
import { ConsoleSessionSchema } from '../../shared/contract/console-responses.ts';
import type { ConsoleSession } from '../../shared/contract/console-api.ts';
import type { ServerContext } from '../context.ts';
import { HttpError } from '../http-error.ts';
import { addRoute } from '../routes/route.ts';

export function sessionRoutes(app: FastifyInstance, server: ServerContext): void {
  // A reloaded console page has its cookie but not the CSRF token it got at login: it reads it
  // back here. Another site cannot read this answer (same-origin policy, no CORS), which is
  // what keeps the token secret from it.
  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/console/session',
    summary: 'Phiên đăng nhập hiện tại của bảng điều khiển (tên, vai trò, mã chống giả mạo)',
    access: 'supervisor',
    centre: 'own',
    response: ConsoleSessionSchema,
    handler: async ({ user, reply }): Promise<ConsoleSession> => {
      const row = await server.db
        .selectFrom('sessions')
        .select(['csrf_token', 'expires_ms'])
        .where('token_hash', '=', user!.tokenHash)
        .executeTakeFirst();
      if (!row)
        throw new HttpError(401, 'unauthorized', 'Phiên đăng nhập không hợp lệ hoặc đã hết hạn. Hãy đăng nhập lại.');
      reply.header('Cache-Control', 'no-store');
      return {
        username: user!.username,
        role: user!.role,
        centreId: user!.centreId,
        csrfToken: row.csrf_token,
        expiresAt: new Date(row.expires_ms).toISOString(),
        mustChangePassword: user!.mustChangePassword,
      };
    },
  });
}
