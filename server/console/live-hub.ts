import type { FastifyInstance } from 'fastify';
import { sseFrame, type SseStream } from './sse.ts';

/**
 * One live feed (the board, the Today page) shared by every stream of one server: the payload
 * is computed once per change and sent to all, and the database is polled by one timer, not
 * one per open browser. The feed runs only while at least one stream is open.
 */
export interface LiveHubOptions<T> {
  name: string;
  /** SSE event name of the payload. */
  event: string;
  compute: () => Promise<T>;
  /** Starts the feed's watchers (sync events, timers); returns what stops them. */
  start: (hub: LiveHub<T>) => () => void;
  log: (message: string) => void;
}

export class LiveHub<T> {
  private readonly streams = new Set<SseStream>();
  private stopWatching: (() => void) | null = null;
  /** The latest payload (or the one being computed); null when nothing is known. */
  private latest: Promise<T> | null = null;
  /** Bumped on stop, so a computation that ends after it does not revive a stale payload. */
  private generation = 0;
  private busy = false;
  private again = false;

  constructor(private readonly options: LiveHubOptions<T>) {}

  get size(): number {
    return this.streams.size;
  }

  get running(): boolean {
    return this.stopWatching !== null;
  }

  /** Adds a stream; its removal is registered before anything is awaited. */
  add(stream: SseStream): void {
    if (stream.closed) return;
    this.streams.add(stream);
    stream.onClose(() => this.remove(stream));
    if (!this.stopWatching) this.stopWatching = this.options.start(this);
  }

  private remove(stream: SseStream): void {
    this.streams.delete(stream);
    if (this.streams.size > 0 || !this.stopWatching) return;
    this.stopWatching();
    this.stopWatching = null;
    this.latest = null;
    this.generation += 1;
  }

  /** Serialised once for every stream: with many consoles open, not once per subscriber. */
  broadcast(event: string, data: unknown): void {
    if (this.streams.size === 0) return;
    const frame = sseFrame(event, data);
    for (const stream of this.streams) stream.sendFrame(frame);
  }

  /** The payload now: shared by every stream that asks until the next change. */
  current(): Promise<T> {
    if (!this.latest) {
      const generation = this.generation;
      const next = this.options.compute();
      this.latest = next;
      next.catch(() => {
        if (this.generation === generation && this.latest === next) this.latest = null;
      });
    }
    return this.latest;
  }

  /** Forgets the payload without sending (the change was pushed another way). */
  invalidate(): void {
    this.latest = null;
  }

  /** Recomputes once, however many changes arrive meanwhile, and sends it to every stream. */
  async refresh(): Promise<void> {
    if (this.busy) {
      this.again = true;
      return;
    }
    this.busy = true;
    try {
      this.latest = null;
      const payload = await this.current();
      this.broadcast(this.options.event, payload);
    } catch (error) {
      this.options.log(`${this.options.name}: ${String(error)}`);
    } finally {
      this.busy = false;
    }
    if (this.again) {
      this.again = false;
      await this.refresh();
    }
  }
}

const hubsOf = new WeakMap<FastifyInstance, LiveHub<unknown>[]>();

export function createLiveHub<T>(app: FastifyInstance, options: LiveHubOptions<T>): LiveHub<T> {
  const hub = new LiveHub(options);
  const list = hubsOf.get(app) ?? [];
  list.push(hub as LiveHub<unknown>);
  hubsOf.set(app, list);
  return hub;
}

/**
 * Recomputes and sends every feed that has streams open: for changes whose notice was lost
 * (the cross-process channel was down for a moment).
 */
export async function refreshRunningHubs(app: FastifyInstance): Promise<void> {
  const running = (hubsOf.get(app) ?? []).filter((hub) => hub.running);
  await Promise.all(running.map((hub) => hub.refresh()));
}

/** Open streams and running watchers of every feed (for tests: nothing may outlive its streams). */
export function liveHubStats(app: FastifyInstance): { streams: number; running: number } {
  const list = hubsOf.get(app) ?? [];
  return {
    streams: list.reduce((sum, hub) => sum + hub.size, 0),
    running: list.filter((hub) => hub.running).length,
  };
}
