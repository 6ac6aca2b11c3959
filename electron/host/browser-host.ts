import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { dispatch } from '../../shared/contract/dispatch.ts';
import { STATE_CHANGED } from '../../shared/contract/kiosk-channels.ts';
import type { KioskCore } from '../core/kiosk-core.ts';
import { SECURITY_HEADERS } from '../security/content-security-policy.ts';

export interface BrowserHostOptions {
  core: KioskCore;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  port: number;
  log?: (message: string) => void;
}

const STATUS_BY_ERROR: Partial<Record<string, number>> = {
  invalid_input: 400,
  unknown_channel: 404,
  internal: 500,
};

/**
 * Serves the kiosk screens and the same contract as Electron's IPC on 127.0.0.1 only:
 * `POST /api/invoke/<channel>` for calls, `GET /api/state` as server-sent events for the stream.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<{ app: FastifyInstance; url: string }> {
  const { core } = options;
  const app = Fastify({ bodyLimit: 64 * 1024, logger: false });
  // JSON only: text/plain is the one body a foreign page can post without a CORS preflight.
  app.removeContentTypeParser('text/plain');
  let allowedHosts = new Set<string>();
  const streams = new Set<ServerResponse>();
  // Streams of citizen screens (not the officer console): none open means no one sees a rating prompt.
  const citizenStreams = new Set<ServerResponse>();
  core.watchCitizenScreens(() => citizenStreams.size > 0);
  // Open event streams would hold close() forever; end them first.
  app.addHook('preClose', (done) => {
    for (const stream of streams) stream.end();
    done();
  });

  app.addHook('onRequest', async (request, reply) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);
    // Refusing foreign Host headers stops DNS-rebinding pages from reaching the kiosk.
    if (!allowedHosts.has(request.headers.host ?? '')) {
      return reply.code(421).send({ ok: false, error: { code: 'invalid_input', message: 'Máy chủ không hợp lệ' } });
    }
    // A page from another origin must not be able to submit ratings or sign officers in.
    const origin = request.headers.origin;
    if (request.method !== 'GET' && origin !== undefined && !allowedHosts.has(origin.replace(/^https?:\/\//, ''))) {
      return reply
        .code(403)
        .send({ ok: false, error: { code: 'invalid_input', message: 'Nguồn yêu cầu không hợp lệ' } });
    }
    return undefined;
  });

  app.post<{ Params: { channel: string } }>('/api/invoke/:channel', async (request, reply) => {
    const result = await dispatch(core.handlers, request.params.channel, request.body, (error) =>
      options.log?.(`Lỗi xử lý ${request.params.channel}: ${String(error)}`),
    );
    const status = result.ok ? 200 : (STATUS_BY_ERROR[result.error.code] ?? 200);
    return reply.code(status).send(result);
  });

  app.get('/api/state', (request: FastifyRequest, reply: FastifyReply) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    streams.add(res);
    const screen = (request.query as { screen?: unknown }).screen;
    if (screen !== 'officer') citizenStreams.add(res);
    const send = (state: unknown) => res.write(`event: ${STATE_CHANGED}\ndata: ${JSON.stringify(state)}\n\n`);
    send(core.state());
    const unsubscribe = core.onStateChanged(send);
    // A comment line now and then keeps proxies and idle timers from closing the stream.
    const heartbeat = setInterval(() => res.write(': ping\n\n'), 15_000);
    request.raw.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(res);
      citizenStreams.delete(res);
    });
  });

  app.setErrorHandler((error: { statusCode?: number; code?: string }, _request, reply) => {
    const status = error.statusCode ?? 500;
    // Fastify's own messages are English; the person at the screen gets Vietnamese only.
    const message =
      status === 415
        ? 'Yêu cầu phải gửi dữ liệu JSON'
        : status === 413
          ? 'Dữ liệu gửi lên quá lớn'
          : error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
            ? 'Yêu cầu không hợp lệ: dữ liệu gửi lên không phải JSON hợp lệ'
            : status < 500
              ? 'Yêu cầu không hợp lệ'
              : 'Đã có lỗi không mong muốn.';
    return reply
      .code(status)
      .send({ ok: false, error: { code: status < 500 ? 'invalid_input' : 'internal', message } });
  });

  if (existsSync(options.rendererDir)) {
    await app.register(fastifyStatic, { root: options.rendererDir, wildcard: false });
    // The officer console and other client-side routes are served the same page.
    app.setNotFoundHandler((request, reply) =>
      request.method === 'GET' && !request.url.startsWith('/api/')
        ? reply.sendFile('index.html')
        : reply.code(404).send({ ok: false, error: { code: 'unknown_channel', message: 'Không tìm thấy' } }),
    );
  } else {
    options.log?.(`Chưa có giao diện đã build tại ${options.rendererDir}: hãy chạy "npm run build".`);
  }

  const address = await app.listen({ host: '127.0.0.1', port: options.port });
  const port = new URL(address).port;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  return { app, url: `http://127.0.0.1:${port}/` };
}
