import {
  QUEUE_PATHS,
  QueueTicketSnapshotSchema,
  type QueueTicketSnapshot,
} from '../../../shared/contract/queue-sync.ts';
import type { ConfigStore } from '../config-store.ts';
import type { FetchLike } from './enrollment.ts';
import type { SyncStore } from './sync-store.ts';

const CURSOR_KEY = 'queue.feedCursor';
const RETRY_BASE_MS = 500;
/** Offline, reconnect at least this often: the queue meets again within seconds of the network healing. */
const RETRY_CAP_MS = 10_000;

export interface QueueStreamOptions {
  store: SyncStore;
  config: ConfigStore;
  fetch: FetchLike;
  /** The counter whose queue this kiosk shows; null (entrance, unassigned): no stream. */
  counterId: () => string | null;
  apply: (tickets: QueueTicketSnapshot[]) => void;
  /** The stream (re)opened: sync at once, and count the server as reachable. */
  connected: () => void;
  log?: (message: string) => void;
}

/**
 * The held connection from kiosk to server (`GET /api/v1/queue/stream`): server-sent queue
 * changes of other kiosks that concern this counter, applied to the local replica. It resumes
 * from the last applied feed position after any break, so nothing is missed or applied twice.
 */
export class QueueStream {
  private controller: AbortController | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private stopped = false;
  private failures = 0;
  private connectedNow = false;

  constructor(private readonly options: QueueStreamOptions) {}

  get connected(): boolean {
    return this.connectedNow;
  }

  cursor(): number {
    return Number(this.options.config.getSetting(CURSOR_KEY) ?? 0);
  }

  start(): void {
    if (this.stopped || this.running) return;
    this.running = true;
    void this.loop();
  }

  /** Reopens the stream (the counter changed, or a test wants a fresh connection). */
  restart(): void {
    this.controller?.abort();
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
      this.running = false;
      this.start();
    }
  }

  stop(): void {
    this.stopped = true;
    this.controller?.abort();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      const enrolment = this.options.store.enrolment();
      const counterId = this.options.counterId();
      if (enrolment && counterId) {
        try {
          await this.once(enrolment.serverUrl, enrolment.token, counterId);
        } catch (error) {
          if (!this.stopped && !(error instanceof Error && error.name === 'AbortError')) {
            this.options.log?.(`Luồng hàng đợi: ${String(error)}`);
          }
        }
        this.connectedNow = false;
      }
      if (this.stopped) break;
      const delay = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** this.failures);
      this.failures += 1;
      await new Promise<void>((resolve) => {
        this.timer = setTimeout(() => {
          this.timer = null;
          resolve();
        }, delay);
        this.timer.unref?.();
      });
    }
    this.running = false;
  }

  private async once(serverUrl: string, token: string, counterId: string): Promise<void> {
    this.controller = new AbortController();
    const url = `${serverUrl}${QUEUE_PATHS.stream}?after=${this.cursor()}&counterId=${encodeURIComponent(counterId)}`;
    const response = await this.options.fetch(url, {
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
      signal: this.controller.signal,
    });
    if (!response.ok || !response.body) {
      await response.body?.cancel().catch(() => undefined);
      return;
    }
    this.failures = 0;
    this.connectedNow = true;
    this.options.connected();
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        this.handle(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
    }
  }

  /** One SSE message: `tickets` (a JSON array of snapshots) or `cursor` (the feed position reached). */
  private handle(message: string): void {
    let event = 'message';
    let data = '';
    for (const line of message.split('\n')) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data += line.slice(5).trim();
    }
    if (data === '') return;
    let raw: unknown;
    try {
      raw = JSON.parse(data);
    } catch {
      return;
    }
    if (event === 'cursor') {
      const after = (raw as { after?: unknown } | null)?.after;
      if (typeof after === 'number' && Number.isInteger(after) && after > this.cursor()) {
        this.options.config.setSetting(CURSOR_KEY, String(after));
      }
      return;
    }
    if (event !== 'tickets') return;
    if (!Array.isArray(raw)) return;
    // Each change is checked on its own: one bad entry never blocks the others.
    const valid: QueueTicketSnapshot[] = [];
    for (const item of raw) {
      const parsed = QueueTicketSnapshotSchema.safeParse(item);
      if (parsed.success) valid.push(parsed.data);
    }
    if (valid.length > 0) this.options.apply(valid);
    const last = raw.reduce<number>((max, item: unknown) => {
      const seq = (item as { feedSeq?: unknown } | null)?.feedSeq;
      return typeof seq === 'number' && Number.isInteger(seq) && seq > max ? seq : max;
    }, this.cursor());
    if (last > this.cursor()) this.options.config.setSetting(CURSOR_KEY, String(last));
  }
}
