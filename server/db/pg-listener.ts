import pg from 'pg';

/**
 * One dedicated PostgreSQL connection that LISTENs on one channel for this server process. The
 * pool's connections cannot listen (they are handed to other queries), so this one stays apart,
 * and reconnects by itself when PostgreSQL restarts or an administrator terminates it.
 */
export interface PgListenerOptions {
  connectionString: string;
  channel: string;
  onNotification: (payload: string) => void;
  /** After a reconnection: notifications sent while the connection was down are lost. */
  onReconnect: () => void;
  log: (message: string) => void;
  /** Backoff between attempts, doubling up to maxRetryMs. */
  minRetryMs?: number;
  maxRetryMs?: number;
  /** A connection cut without a word (a network partition) is found by this periodic query. */
  pingMs?: number;
}

export const LISTENER_APPLICATION_NAME = 'hailong-live-listener';
const CHANNEL_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export class PgListener {
  private client: pg.Client | null = null;
  private closed = false;
  private everConnected = false;
  private retryMs: number;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  /** How many times the connection was re-established (for tests and diagnostics). */
  reconnects = 0;

  constructor(private readonly options: PgListenerOptions) {
    if (!CHANNEL_NAME.test(options.channel)) throw new Error(`Invalid LISTEN channel: ${options.channel}`);
    this.retryMs = options.minRetryMs ?? 250;
  }

  get connected(): boolean {
    return this.client !== null;
  }

  /** Connects once; on failure keeps retrying in the background and resolves false. */
  async start(): Promise<boolean> {
    return this.connect();
  }

  /** The backend pid of the listening connection (for tests that terminate it). */
  async backendPid(): Promise<number | null> {
    const client = this.client;
    if (!client) return null;
    const result = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    return result.rows[0]?.pid ?? null;
  }

  private async connect(): Promise<boolean> {
    if (this.closed) return false;
    const client = new pg.Client({
      connectionString: this.options.connectionString,
      keepAlive: true,
      // A server start must not hang on an unreachable database: it retries in the background.
      connectionTimeoutMillis: 10_000,
      // Lets an administrator tell this connection apart in pg_stat_activity.
      application_name: LISTENER_APPLICATION_NAME,
    });
    let lost = false;
    const onLost = (error?: Error) => {
      if (lost) return;
      lost = true;
      if (this.client === client) this.client = null;
      this.stopPing();
      client.removeAllListeners('notification');
      void client.end().catch(() => undefined);
      if (this.closed) return;
      this.options.log(
        `Mất kết nối nhận thông báo trực tiếp từ PostgreSQL${error ? ` (${error.message})` : ''}; đang kết nối lại.`,
      );
      this.scheduleRetry();
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (message) => {
      if (message.channel === this.options.channel && message.payload !== undefined) {
        this.options.onNotification(message.payload);
      }
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${this.options.channel}`);
    } catch (error) {
      if (!lost) onLost(error as Error);
      return false;
    }
    if (this.closed || lost) {
      await client.end().catch(() => undefined);
      return false;
    }
    this.client = client;
    this.retryMs = this.options.minRetryMs ?? 250;
    this.startPing(client);
    if (this.everConnected) {
      this.reconnects += 1;
      this.options.log('Đã kết nối lại kênh thông báo trực tiếp của PostgreSQL.');
      this.options.onReconnect();
    }
    this.everConnected = true;
    return true;
  }

  private scheduleRetry(): void {
    if (this.closed || this.retryTimer) return;
    const wait = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, this.options.maxRetryMs ?? 5_000);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, wait);
  }

  private startPing(client: pg.Client): void {
    const every = this.options.pingMs ?? 30_000;
    this.pingTimer = setInterval(() => {
      // A failed query also emits 'error' on the client in most cases; end it either way.
      client.query('SELECT 1').catch((error: unknown) => client.emit('error', error));
    }, every);
    this.pingTimer.unref();
  }

  private stopPing(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = null;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.stopPing();
    const client = this.client;
    this.client = null;
    if (client) await client.end().catch(() => undefined);
  }
}
