import { KioskEvents, type ConsoleServer } from './console-support.ts';

const OFFICERS: [officerId: string, agencyId: string, counterId: string, service: string][] = [
  ['cb-001', 'ag-11', 'q-1', 'dv-chung-thuc'],
  ['cb-002', 'ag-11', 'q-2', 'dv-quay-2'],
  ['cb-003', 'ag-01', 'q-3', 'dv-quay-3'],
  ['cb-004', 'ag-10', 'q-4', 'dv-quay-4'],
  ['cb-005', 'ag-16', 'q-5', 'dv-quay-5'],
  ['cb-006', 'ag-04', 'q-6', 'dv-quay-6'],
];

/** A deterministic pseudo-random sequence, so screenshots are the same on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/**
 * A month of a small centre: served tickets, ratings (some officers rarely rated, one with
 * many low ratings and reasons), and today's live queue at every counter.
 */
export async function seedCentre(server: ConsoleServer, now = new Date()): Promise<void> {
  const rand = random(7);
  const kiosks = await Promise.all(OFFICERS.map((_o, i) => server.enroll(`Kiosk quầy ${i + 1}`)));
  const day = 86_400_000;
  for (const [index, [officerId, agencyId, counterId, service]] of OFFICERS.entries()) {
    const k = new KioskEvents(counterId, officerId, agencyId);
    const events: object[] = [];
    const coverage = [0.95, 0.3, 0.8, 0.6, 0.9, 0.15][index]!;
    const lowShare = [0.02, 0.05, 0.25, 0.05, 0.0, 0.1][index]!;
    for (let d = 20; d >= 1; d -= 1) {
      const base = now.getTime() - d * day;
      const perDay = 3 + Math.floor(rand() * 4);
      for (let t = 0; t < perDay; t += 1) {
        const issuedAt = new Date(base + t * 20 * 60_000);
        const number = String(1001 + t + index * 1000);
        const ticket = k.issue(number, service, issuedAt);
        const calledAt = new Date(issuedAt.getTime() + (3 + rand() * 15) * 60_000);
        const startedAt = new Date(calledAt.getTime() + 60_000);
        const finishedAt = new Date(startedAt.getTime() + (4 + rand() * 10) * 60_000);
        events.push(
          ticket.event,
          k.finish(
            { ticketId: ticket.ticketId, number, serviceId: service },
            { issuedAt, calledAt, startedAt, finishedAt },
          ),
        );
        if (rand() < coverage) {
          const r = rand();
          const level = r < lowShare / 2 ? 'kem' : r < lowShare ? 'trung_binh' : r < 0.8 ? 'tot' : 'kha';
          const reasons = level === 'kem' ? ['cho_lau', 'thai_do'] : level === 'trung_binh' ? ['cho_lau'] : undefined;
          events.push(k.rate(level, { at: finishedAt, ticketId: ticket.ticketId, ...(reasons ? { reasons } : {}) }));
        }
      }
    }
    // Today: signed in, a few served, one being served, some waiting.
    const morning = now.getTime() - 90 * 60_000;
    events.push(k.signIn(new Date(morning - 10 * 60_000)));
    const waiting = 1 + Math.floor(rand() * 5);
    for (let t = 0; t < 3 + waiting; t += 1) {
      const number = String(1001 + t + index * 1000);
      const ticket = k.issue(number, service, new Date(morning + t * 8 * 60_000));
      events.push(ticket.event);
      if (t < 3) {
        const calledAt = new Date(morning + t * 8 * 60_000 + 5 * 60_000);
        events.push(k.call(ticket.ticketId, calledAt));
        if (t < 2) {
          const startedAt = new Date(calledAt.getTime() + 30_000);
          const finishedAt = new Date(startedAt.getTime() + 6 * 60_000);
          events.push(
            k.start(ticket.ticketId, startedAt),
            k.finish(
              { ticketId: ticket.ticketId, number, serviceId: service },
              { issuedAt: new Date(morning + t * 8 * 60_000), calledAt, startedAt, finishedAt },
            ),
            k.rate(t === 0 ? 'tot' : 'kha', { at: finishedAt, ticketId: ticket.ticketId }),
          );
        }
      }
    }
    for (let i = 0; i < events.length; i += 400) {
      const res = await server.sync(kiosks[index]!.token, events.slice(i, i + 400));
      if (res.status !== 200 || res.json.rejected.length > 0)
        throw new Error(`seed sync failed: ${JSON.stringify(res.json)}`);
    }
  }
  // One old kiosk, revoked.
  const old = await server.enroll('Kiosk cũ tầng 2');
  await server.call('POST', `/api/v1/devices/${old.deviceId}/revoke`);
  await server.addUser('giamsat', 'mat-khau-giam-sat', 'supervisor');
}
