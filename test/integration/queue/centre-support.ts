import type { FastifyInstance } from 'fastify';
import { join } from 'node:path';
import { KioskCore } from '../../../electron/core/kiosk-core.ts';
import type { FetchLike } from '../../../electron/core/sync/enrollment.ts';
import type { KioskRole } from '../../../shared/domain/queue-routing.ts';
import { createServer } from '../../../server/app.ts';
import { api, tempFolder } from '../sync/central.ts';
import { freshDatabase, type TestBackend } from '../server/support.ts';

export const ADMIN_PASSWORD = 'mat-khau-quan-tri-trung-tam';
export const OFFICER_PIN = '246813';

/**
 * A network between kiosks and the server that a test can cut: while `down`, every request
 * fails as an unplugged cable would, and held streams are torn down.
 */
export class Network {
  private isDown = false;
  private readonly held = new Set<AbortController>();

  get down(): boolean {
    return this.isDown;
  }

  cut(): void {
    this.isDown = true;
    for (const controller of this.held) controller.abort();
    this.held.clear();
  }

  heal(): void {
    this.isDown = false;
  }

  readonly fetch: FetchLike = async (input, init) => {
    if (this.isDown) throw new TypeError('fetch failed (network down)');
    const controller = new AbortController();
    init?.signal?.addEventListener('abort', () => controller.abort());
    this.held.add(controller);
    try {
      const response = await fetch(input, { ...init, signal: controller.signal });
      // Streams stay held until they end; plain requests are done once their body is read.
      if (!(response.headers.get('content-type') ?? '').startsWith('text/event-stream')) this.held.delete(controller);
      return response;
    } catch (error) {
      this.held.delete(controller);
      throw error;
    }
  };
}

export interface CentreServer {
  app: FastifyInstance;
  url: string;
  admin: string;
  close: () => Promise<void>;
}

/**
 * A real server on 127.0.0.1, set up as a technician would through the API (no --demo): one
 * agency, three officers with PINs, three counters, a service served by counters 1 and 2
 * ("Sở Tư pháp"), and one service for each of counters 1 and 3 alone.
 */
export interface CentreLayout {
  counters: number;
  services: Array<{ id: string; name: string; counterIds: string[]; start: number }>;
}

const DEFAULT_LAYOUT: CentreLayout = {
  counters: 3,
  services: [
    { id: 'dv-tu-phap', name: 'Chứng thực, hộ tịch', counterIds: ['q-1', 'q-2'], start: 1001 },
    { id: 'dv-dat-dai', name: 'Đất đai', counterIds: ['q-3'], start: 3001 },
    { id: 'dv-quay-1', name: 'Tiếp nhận riêng quầy 1', counterIds: ['q-1'], start: 5001 },
  ],
};

export async function startCentre(backend: TestBackend, layout: CentreLayout = DEFAULT_LAYOUT): Promise<CentreServer> {
  const db = await freshDatabase(backend);
  const app = await createServer({ ...db.options, adminPassword: ADMIN_PASSWORD, log: () => undefined });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no port');
  const url = `http://127.0.0.1:${address.port}`;
  const { token: admin } = await api<{ token: string }>(url, 'POST', '/api/v1/auth/login', undefined, {
    username: 'admin',
    password: ADMIN_PASSWORD,
  });
  // A fresh server already lists the province's agencies; officers belong to one of them.
  const agencies = await api<Array<{ id: string; name: string }>>(url, 'GET', '/api/v1/agencies', admin);
  const agencyId = agencies.find((a) => a.name === 'Sở Tư pháp')?.id ?? agencies[0]!.id;
  for (let n = 1; n <= layout.counters; n += 1) {
    await api(url, 'POST', '/api/v1/counters', admin, { id: `q-${n}`, number: n, name: `Quầy ${n}` });
    await api(url, 'POST', '/api/v1/officers', admin, {
      id: `cb-${n}`,
      fullName: `Cán bộ Số ${n}`,
      agencyId,
      order: n,
    });
    await api(url, 'POST', `/api/v1/officers/cb-${n}/pin`, admin, { pin: OFFICER_PIN });
  }
  for (const [order, { id, name, counterIds, start }] of layout.services.entries()) {
    await api(url, 'PUT', `/api/v1/services/${id}`, admin, {
      id,
      counterIds,
      name,
      prefix: '',
      start,
      end: start + 998,
      step: 1,
      dailyCap: 999,
      order: order + 1,
    });
  }
  return {
    app,
    url,
    admin,
    close: async () => {
      await app.close();
      await db.cleanup();
    },
  };
}

export interface CentreKiosk {
  core: KioskCore;
  name: string;
  close: () => void;
}

/**
 * A kiosk enrolled to the server with a one-time code (for `centreId`, else the first centre),
 * given its role and counter, synced once.
 */
export async function enrolKiosk(
  centre: CentreServer,
  network: Network,
  name: string,
  role: KioskRole,
  counterId: string | null,
  now?: () => Date,
  centreId?: number,
): Promise<CentreKiosk> {
  const { dir, cleanup } = tempFolder('hailong-centre-');
  const core = new KioskCore({
    dataDir: join(dir, 'kiosk'),
    ...(now && { now }),
    sync: { fetch: network.fetch, pollMs: 100, baseBackoffMs: 50, capBackoffMs: 300, random: () => 0.5 },
  });
  const { code } = await api<{ code: string }>(
    centre.url,
    'POST',
    '/api/v1/devices/enrollment-codes',
    centre.admin,
    centreId === undefined ? {} : { centreId },
  );
  await core.sync.enroll({ serverUrl: centre.url, code, name });
  // Assigned in the console, as a technician does; the kiosk learns it at its next exchange.
  await api(centre.url, 'PATCH', `/api/v1/devices/${core.sync.status().deviceId!}`, centre.admin, {
    role,
    ...(counterId !== null && { counterId }),
  });
  await core.sync.syncNow();
  // The next exchange asks for this kiosk's blocks of numbers.
  await core.sync.syncNow();
  if (role === 'counter' && counterId) {
    await core.duty.signIn(counterId, `cb-${counterId.slice(2)}`, OFFICER_PIN);
  }
  return {
    core,
    name,
    close: () => {
      core.close();
      cleanup();
    },
  };
}

/** Waits until `check` holds (the push arrives on its own; nothing here syncs). */
export async function until(check: () => boolean, what: string, timeoutMs = 8_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export function waitingNumbers(kiosk: CentreKiosk): string[] {
  return kiosk.core.queue.officerView(kiosk.core.counterId()).waiting.map((t) => t.number);
}
