import type { KioskEvent } from '../../../shared/domain/events.ts';

export interface SeenRequest {
  url: string;
  authorization: string | null;
  bytes: number;
  body: { deviceTime: string; configVersion?: number; events: KioskEvent[] } & Record<string, unknown>;
}

export type Answer =
  | { status: number; body: unknown }
  | 'network-error'
  | ((request: SeenRequest) => { status: number; body: unknown } | 'network-error');

/**
 * A fake central server behind a fetch function: records every request and answers from a
 * queue of scripted answers, or by default accepts every event it has not seen before.
 */
export class FakeServer {
  readonly requests: SeenRequest[] = [];
  readonly stored = new Set<string>();
  private readonly script: Answer[] = [];
  config: unknown = undefined;
  /** What POST /api/v1/devices/enroll answers. */
  enrolAnswer: { status: number; body: unknown } | 'network-error' = {
    status: 200,
    body: { deviceId: 'dev-1', token: 'secret-device-token-xyz' },
  };
  readonly enrolRequests: Array<{ url: string; body: unknown }> = [];

  then(...answers: Answer[]): this {
    this.script.push(...answers);
    return this;
  }

  readonly fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    await Promise.resolve();
    const url = input instanceof Request ? input.url : input.toString();
    const raw = typeof init?.body === 'string' ? init.body : '{}';
    // The held queue stream is tested against the real server (test/integration/queue).
    if (url.includes('/api/v1/queue/')) return new Response(null, { status: 404 });
    if (url.endsWith('/api/v1/devices/enroll')) {
      this.enrolRequests.push({ url, body: JSON.parse(raw) });
      if (this.enrolAnswer === 'network-error') throw new TypeError('fetch failed');
      return new Response(JSON.stringify(this.enrolAnswer.body), { status: this.enrolAnswer.status });
    }
    const headers = new Headers(init?.headers);
    const request: SeenRequest = {
      url,
      authorization: headers.get('authorization'),
      bytes: new TextEncoder().encode(raw).length,
      body: JSON.parse(raw) as SeenRequest['body'],
    };
    this.requests.push(request);
    const next = this.script.shift();
    const answer = typeof next === 'function' ? next(request) : (next ?? this.acceptAll(request));
    if (answer === 'network-error') throw new TypeError('fetch failed');
    return new Response(JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'content-type': 'application/json' },
    });
  };

  /** The honest server: new ids accepted, known ids duplicates, config when asked for. */
  acceptAll(request: SeenRequest): { status: number; body: unknown } {
    const accepted: string[] = [];
    const duplicates: string[] = [];
    for (const event of request.body.events) {
      if (this.stored.has(event.id)) duplicates.push(event.id);
      else {
        this.stored.add(event.id);
        accepted.push(event.id);
      }
    }
    return { status: 200, body: this.response({ accepted, duplicates }) };
  }

  response(parts: {
    accepted?: string[];
    duplicates?: string[];
    rejected?: Array<{ id: string | null; index: number; reason: string }>;
    config?: unknown;
  }): Record<string, unknown> {
    return {
      accepted: parts.accepted ?? [],
      duplicates: parts.duplicates ?? [],
      rejected: parts.rejected ?? [],
      serverTime: new Date().toISOString(),
      clockOffsetMs: 0,
      configVersion: 1,
      ...(parts.config !== undefined
        ? { config: parts.config }
        : this.config !== undefined
          ? { config: this.config }
          : {}),
    };
  }

  eventsSent(): KioskEvent[] {
    return this.requests.flatMap((r) => r.body.events);
  }
}
