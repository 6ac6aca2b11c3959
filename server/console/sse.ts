import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export interface SseStream {
  send(event: string, data: unknown): void;
  /** Writes a frame made once by `sseFrame` (a feed sends one payload to many streams). */
  sendFrame(frame: string): void;
  close(): void;
  /**
   * Runs once when the browser goes away or the server closes the stream; at once when the
   * stream is already closed, so cleanup registered after a disconnect still runs.
   */
  onClose(listener: () => void): void;
  readonly closed: boolean;
}

const KEEPALIVE_MS = 25_000;

/** One server-sent event as written on the wire. */
export function sseFrame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

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

/** How many event streams the app holds open (for tests and diagnostics). */
export function openStreamCount(app: FastifyInstance): number {
  return openStreams.get(app)?.size ?? 0;
}

/** Takes the reply over as a server-sent event stream. */
export function openSse(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply): SseStream {
  reply.hijack();
  const raw = reply.raw;
  const listeners: (() => void)[] = [];
  let closed = false;
  let keepalive: ReturnType<typeof setInterval> | null = null;
  const streams = openStreams.get(app);
  const stream: SseStream = {
    get closed() {
      return closed;
    },
    send(event, data) {
      if (!closed) raw.write(sseFrame(event, data));
    },
    sendFrame(frame) {
      if (!closed) raw.write(frame);
    },
    close() {
      if (closed) return;
      closed = true;
      if (keepalive) clearInterval(keepalive);
      streams?.delete(stream);
      for (const listener of listeners.splice(0)) listener();
      raw.end();
    },
    onClose(listener) {
      if (closed) listener();
      else listeners.push(listener);
    },
  };
  // The browser may have gone while the route awaited (a login check): its 'close' already fired.
  if (raw.destroyed || request.raw.destroyed || raw.writableEnded) {
    closed = true;
    return stream;
  }
  raw.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Content-Type-Options': 'nosniff',
    'X-Accel-Buffering': 'no',
  });
  raw.write('retry: 2000\n\n');
  keepalive = setInterval(() => raw.write(': keepalive\n\n'), KEEPALIVE_MS);
  streams?.add(stream);
  request.raw.on('close', () => stream.close());
  raw.on('close', () => stream.close());
  return stream;
}
