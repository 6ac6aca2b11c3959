import { v7 as uuidv7 } from 'uuid';

/** Kiosk events as a counter kiosk sends them, with increasing sequence numbers per kiosk. */
export class KioskEvents {
  private seq = 0;
  constructor(
    readonly counterId: string,
    readonly officerId: string,
    readonly agencyId: string,
    /** The kiosk's clock: tests pass the server's fixed instant, so day boundaries never bite. */
    private readonly now: () => Date = () => new Date(),
  ) {}

  private base(type: string, at: Date) {
    this.seq += 1;
    return { id: uuidv7(), seq: this.seq, type, occurredAt: at.toISOString() };
  }

  signIn(at = this.now()) {
    return {
      ...this.base('officer.signed_in', at),
      officerId: this.officerId,
      agencyId: this.agencyId,
      counterId: this.counterId,
    };
  }

  issue(number: string, serviceId: string, at = this.now()) {
    const ticketId = uuidv7();
    return {
      ticketId,
      event: { ...this.base('ticket.issued', at), ticketId, number, serviceId, counterId: this.counterId },
    };
  }

  call(ticketId: string, at = this.now()) {
    return {
      ...this.base('ticket.called', at),
      ticketId,
      counterId: this.counterId,
      officerId: this.officerId,
      agencyId: this.agencyId,
    };
  }

  start(ticketId: string, at = this.now()) {
    return {
      ...this.base('ticket.started', at),
      ticketId,
      counterId: this.counterId,
      officerId: this.officerId,
      agencyId: this.agencyId,
    };
  }

  finish(
    ticket: { ticketId: string; number: string; serviceId: string },
    times: { issuedAt: Date; calledAt: Date; startedAt: Date; finishedAt: Date },
  ) {
    return {
      ...this.base('ticket.finished', times.finishedAt),
      ticketId: ticket.ticketId,
      number: ticket.number,
      serviceId: ticket.serviceId,
      counterId: this.counterId,
      officerId: this.officerId,
      agencyId: this.agencyId,
      issuedAt: times.issuedAt.toISOString(),
      calledAt: times.calledAt.toISOString(),
      startedAt: times.startedAt.toISOString(),
    };
  }

  rate(level: string, options: { at?: Date; ticketId?: string; reasons?: string[]; misuse?: boolean } = {}) {
    return {
      ...this.base('rating.submitted', options.at ?? this.now()),
      officerId: this.officerId,
      agencyId: this.agencyId,
      counterId: this.counterId,
      level,
      ...(options.ticketId ? { ticketId: options.ticketId } : {}),
      ...(options.reasons ? { reasons: options.reasons } : {}),
      ...(options.misuse ? { misuse: true } : {}),
    };
  }
}

/** Reads server-sent events from a fetch response body: `next(name)` resolves with the next event of that name. */
export class SseReader {
  private buffer = '';
  private raw = '';
  private readonly queue: { event: string; data: string }[] = [];
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();

  constructor(body: ReadableStream<Uint8Array>) {
    this.reader = body.getReader();
  }

  async next<T>(name: string, timeoutMs = 5_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.queue.findIndex((e) => e.event === name);
      if (index !== -1) return JSON.parse(this.queue.splice(index, 1)[0]!.data) as T;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no "${name}" event within ${timeoutMs} ms`);
      const chunk = await Promise.race([
        this.reader.read(),
        new Promise<null>((resolve) => setTimeout(() => resolve(null), left)),
      ]);
      if (chunk === null) continue;
      if (chunk.done) throw new Error('stream ended');
      const text = this.decoder.decode(chunk.value, { stream: true });
      this.raw += text;
      this.buffer += text;
      let end: number;
      while ((end = this.buffer.indexOf('\n\n')) !== -1) {
        const block = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        let event = 'message';
        const data: string[] = [];
        for (const line of block.split('\n')) {
          if (line.startsWith('event: ')) event = line.slice(7);
          else if (line.startsWith('data: ')) data.push(line.slice(6));
        }
        if (data.length > 0) this.queue.push({ event, data: data.join('\n') });
      }
    }
  }

  /** Everything received so far, raw: to check what was never sent. */
  seen(): string {
    return this.raw;
  }

  async cancel(): Promise<void> {
    await this.reader.cancel().catch(() => undefined);
  }
}
