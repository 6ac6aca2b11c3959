import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authenticateUser } from '../auth/guard.ts';
import type { ServerContext } from '../context.ts';
import type { LiveHub } from './live-hub.ts';
import { openSse } from './sse.ts';

/**
 * A console page's live stream (Today, live alerts): joins the hub, sends what is known now at
 * once, and ends when the supervisor's session expires or is revoked — a stream outliving its
 * session would keep showing the centre to whoever holds the screen.
 */
export async function streamToSupervisor<T>(
  app: FastifyInstance,
  server: ServerContext,
  { request, reply }: { request: FastifyRequest; reply: FastifyReply },
  hub: LiveHub<T>,
  { event, sessionCheckMs, failure }: { event: string; sessionCheckMs: number; failure: string },
): Promise<void> {
  const stream = openSse(app, request, reply);
  hub.add(stream);
  const check = setInterval(() => {
    authenticateUser(server, request, reply, 'supervisor').catch(() => {
      stream.send('expired', { message: 'Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại.' });
      stream.close();
    });
  }, sessionCheckMs);
  stream.onClose(() => clearInterval(check));
  const first = await hub.current().catch((error: unknown) => {
    server.log(`${failure}: ${String(error)}`);
    return null;
  });
  if (first) stream.send(event, first);
}
