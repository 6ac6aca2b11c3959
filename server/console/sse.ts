import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export interface SseStream {
  send(event: string, data: unknown): void;
  close(): void;
  /** Runs once when the browser goes away or the server closes the stream. */
  onClose(listener: () => void): void;
}

const KEEPALIVE_MS = 25_000;

/** Every open stream of one app, so the server can end them before it closes. */
const openStreams = new WeakMap<FastifyInstance, Set<SseStream>>();

/** Ends every open stream before the server closes: an open stream would hold close() for ever. */
export function closeStreamsOnShutdown(app: FastifyInstance): void {
  const streams = new Set<SseStream>();
  openStreams.set(app, streams);
  app.addHook('preClose', (done) => {
    for (const stream of [...streams]) stream.close();
    done();
  });
}

/** Takes the reply over as a server-sent event stream. */
export function openSse(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply): SseStream {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Content-Type-Options': 'nosniff',
    'X-Accel-Buffering': 'no',
  });
  raw.write('retry: 2000\n\n');
  const listeners: (() => void)[] = [];
  let closed = false;
  const keepalive = setInterval(() => raw.write(': keepalive\n\n'), KEEPALIVE_MS);
  const streams = openStreams.get(app);
  const stream: SseStream = {
    send(event, data) {
      if (closed) return;
      raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    close() {
      if (closed) return;
      closed = true;
      clearInterval(keepalive);
      streams?.delete(stream);
      for (const listener of listeners.splice(0)) listener();
      raw.end();
    },
    onClose(listener) {
      listeners.push(listener);
    },
  };
  streams?.add(stream);
  request.raw.on('close', () => stream.close());
  return stream;
}
