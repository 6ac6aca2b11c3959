import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import { api } from '../sync/central.ts';
import { DomainError } from '../../../shared/contract/result.ts';
import { WAITS_FOR_CONNECTION_MESSAGE } from '../../../shared/domain/queue-routing.ts';
import { BACKENDS } from '../server/support.ts';
import {
  Network,
  enrolKiosk,
  startCentre,
  until,
  waitingNumbers,
  type CentreKiosk,
  type CentreServer,
} from './centre-support.ts';

/**
 * One queue for the whole centre (issue 8 §2), the way a centre runs: a real server set up
 * through its API without --demo, an entrance kiosk and three counter kiosks enrolled to it,
 * each with its own SQLite, talking over real HTTP on 127.0.0.1; the network is cut and healed.
 */
let centre: CentreServer | null = null;
const kiosks: CentreKiosk[] = [];
afterEach(async () => {
  for (const kiosk of kiosks.splice(0)) kiosk.close();
  await centre?.close();
  centre = null;
});

async function take(kiosk: CentreKiosk, serviceId: string) {
  return kiosk.core.handlers['queue:takeNumber']({ serviceId });
}

async function setUp(backend: (typeof BACKENDS)[number]) {
  centre = await startCentre(backend);
  const network = new Network();
  const entrance = await enrolKiosk(centre, network, 'Kiosk sảnh', 'entrance', null);
  const k1 = await enrolKiosk(centre, network, 'Kiosk quầy 1', 'counter', 'q-1');
  const k2 = await enrolKiosk(centre, network, 'Kiosk quầy 2', 'counter', 'q-2');
  const k3 = await enrolKiosk(centre, network, 'Kiosk quầy 3', 'counter', 'q-3');
  kiosks.push(entrance, k1, k2, k3);
  // Every counter's held stream is open before the first ticket.
  await until(() => [k1, k2, k3].every((k) => k.core.queueStream.connected), 'streams open');
  return { network, entrance, k1, k2, k3 };
}

async function serverTickets(): Promise<
  Array<{
    ticket_id: string;
    service_id: string;
    day: string;
    number: string;
    status: string;
    counter_id: string | null;
    day_index: number | null;
  }>
> {
  return centre!.app.hailong.db.selectFrom('queue_tickets').selectAll().execute();
}

describe.each(BACKENDS)('one queue for the centre (%s)', (backend) => {
  it('an entrance ticket reaches every counter serving its service, by push, and is called once', async () => {
    const { entrance, k1, k2, k3 } = await setUp(backend);
    expect(entrance.core.state().queue.role).toBe('entrance');
    expect(
      entrance.core
        .state()
        .queue.services.map((s) => s.id)
        .sort(),
    ).toEqual(['dv-dat-dai', 'dv-quay-1', 'dv-tu-phap']);
    expect(
      k1.core
        .state()
        .queue.services.map((s) => s.id)
        .sort(),
    ).toEqual(['dv-quay-1', 'dv-tu-phap']);

    const a = await take(entrance, 'dv-tu-phap');
    expect(a.connectionNote).toBeUndefined();
    await until(() => waitingNumbers(k1).includes(a.number) && waitingNumbers(k2).includes(a.number), 'pushed');
    // Counter 3 does not serve it.
    expect(waitingNumbers(k3)).not.toContain(a.number);

    // Two more; both counters press "call next" at the same moment, three times.
    const b = await take(entrance, 'dv-tu-phap');
    const c = await take(entrance, 'dv-tu-phap');
    await until(() => waitingNumbers(k1).length === 3 && waitingNumbers(k2).length === 3, 'three waiting');
    const calledBy = new Map<string, string[]>();
    for (let round = 0; round < 2; round += 1) {
      const results = await Promise.allSettled([
        k1.core.handlers['queue:callNext']({}),
        k2.core.handlers['queue:callNext']({}),
      ]);
      results.forEach((result, i) => {
        if (result.status === 'fulfilled') {
          const list = calledBy.get(result.value.number) ?? [];
          list.push(`q-${i + 1}`);
          calledBy.set(result.value.number, list);
        } else {
          expect(result.reason).toBeInstanceOf(DomainError);
        }
      });
      for (const kiosk of [k1, k2]) {
        if (kiosk.core.queue.officerView(kiosk.core.counterId()).current) await kiosk.core.handlers['queue:finish']({});
      }
    }
    // No ticket was called by two counters; the oldest ones went first.
    for (const [number, counters] of calledBy) expect(counters, number).toHaveLength(1);
    expect([...calledBy.keys()].sort()).toEqual(expect.arrayContaining([a.number, b.number]));
    expect(calledBy.size).toBeGreaterThanOrEqual(3);
    expect([...calledBy.keys()]).toContain(c.number);
  });

  it('a transfer reaches the target counter and leaves the source', async () => {
    const { k1, k3 } = await setUp(backend);
    const own = await take(k1, 'dv-tu-phap');
    await k1.core.handlers['queue:callNext']({});
    const later = await take(k3, 'dv-dat-dai');
    const { newTicketId } = await k1.core.handlers['queue:transfer']({ toServiceId: 'dv-dat-dai' });
    expect(k1.core.queue.officerView('q-1').current).toBeNull();
    expect(waitingNumbers(k1)).not.toContain(own.number);
    await until(() => waitingNumbers(k3).includes(own.number), 'transfer pushed to counter 3');
    // The transferred citizen keeps the number and the place (issued before `later`).
    expect(k3.core.queue.officerView('q-3').waiting.map((t) => t.ticketId)).toEqual([newTicketId, later.ticketId]);
    const called = await k3.core.handlers['queue:callNext']({});
    expect(called).toMatchObject({ ticketId: newTicketId, number: own.number });
  });

  it('server unreachable: counters keep issuing and calling their own, the entrance keeps issuing; reconnection puts every ticket in its queue once', async () => {
    const { network, entrance, k1, k2, k3 } = await setUp(backend);
    const before = await take(entrance, 'dv-tu-phap');
    await until(() => waitingNumbers(k2).includes(before.number), 'pushed before the cut');

    network.cut();
    const issued: string[] = [before.number];
    const offlineEntrance: Array<Awaited<ReturnType<typeof take>>> = [];
    for (let i = 0; i < 3; i += 1) offlineEntrance.push(await take(entrance, 'dv-tu-phap'));
    for (const t of offlineEntrance) expect(t.connectionNote).toBe(WAITS_FOR_CONNECTION_MESSAGE);
    issued.push(...offlineEntrance.map((t) => t.number));
    const ownAt1 = await take(k1, 'dv-quay-1');
    const ownAt3 = await take(k3, 'dv-dat-dai');
    expect(ownAt1.connectionNote).toBeUndefined();
    // Counter 1 calls its own offline; counter 3 too.
    expect((await k1.core.handlers['queue:callNext']({})).number).toBe(ownAt1.number);
    expect((await k3.core.handlers['queue:callNext']({})).number).toBe(ownAt3.number);
    await k1.core.handlers['queue:finish']({});
    // Counter 2 may not call the pushed entrance ticket another counter could also call.
    await expect(k2.core.handlers['queue:callNext']({})).rejects.toMatchObject({ code: 'unavailable' });
    const pinnedAt2 = await take(k2, 'dv-tu-phap');
    expect((await k2.core.handlers['queue:callNext']({})).number).toBe(pinnedAt2.number);

    network.heal();
    await until(
      () =>
        offlineEntrance.every((t) => waitingNumbers(k1).includes(t.number) && waitingNumbers(k2).includes(t.number)),
      'offline entrance tickets reach counters 1 and 2',
      15_000,
    );
    for (const k of [entrance, k1, k2, k3]) await k.core.sync.syncNow();
    const rows = await serverTickets();
    // Every ticket once, numbers unique per service and day.
    const ids = [before, ...offlineEntrance, ownAt1, ownAt3, pinnedAt2].map((t) => t.ticketId);
    for (const id of ids) expect(rows.filter((r) => r.ticket_id === id)).toHaveLength(1);
    const keys = rows.map((r) => `${r.service_id}|${r.day}|${r.number}`);
    expect(new Set(keys).size).toBe(keys.length);
    // Issue order within the class: the entrance tickets wait in the order they were taken.
    const queue2 = waitingNumbers(k2).filter((n) => issued.includes(n));
    expect(queue2).toEqual(issued.filter((n) => queue2.includes(n)));
    expect(rows.find((r) => r.ticket_id === ownAt1.ticketId)).toMatchObject({ status: 'done', counter_id: 'q-1' });
  });

  it('the server refuses, with a reason, a number leased to another kiosk or already used', async () => {
    const { entrance, k3 } = await setUp(backend);
    const first = await take(entrance, 'dv-tu-phap');
    const token = k3.core.sync.store.enrolment()!.token;
    const forged = (number: string) => ({
      id: uuidv7(),
      seq: 900_000 + Number(number),
      type: 'ticket.issued',
      occurredAt: new Date().toISOString(),
      ticketId: uuidv7(),
      number,
      serviceId: 'dv-tu-phap',
      counterId: 'q-1',
      pinned: false,
    });
    // Counter 3 holds no block of this service: it cannot print the entrance's numbers.
    const response = await api<{ accepted: string[]; rejected: Array<{ reason: string }> }>(
      centre!.url,
      'POST',
      '/api/v1/sync',
      token,
      { deviceTime: new Date().toISOString(), events: [forged(first.number)] },
    );
    expect(response.accepted).toEqual([]);
    expect(response.rejected[0]!.reason).toContain('kiosk khác');
    // The entrance itself cannot hand the same number to a second ticket either.
    const again = await api<{ accepted: string[]; rejected: Array<{ reason: string }> }>(
      centre!.url,
      'POST',
      '/api/v1/sync',
      entrance.core.sync.store.enrolment()!.token,
      { deviceTime: new Date().toISOString(), events: [forged(first.number)] },
    );
    expect(again.accepted).toEqual([]);
    expect(again.rejected[0]!.reason).toContain('đã được cấp cho phiếu khác');
    const rows = (await serverTickets()).filter((r) => r.number === first.number && r.service_id === 'dv-tu-phap');
    expect(rows.map((r) => r.ticket_id)).toEqual([first.ticketId]);
  });

  it("a kiosk's token claims and reads only the counter the console assigned it", async () => {
    const { entrance, k1 } = await setUp(backend);
    const ticket = await take(entrance, 'dv-tu-phap');
    await until(() => waitingNumbers(k1).includes(ticket.number), 'pushed');
    const ask = (kiosk: CentreKiosk, path: string, init: RequestInit = {}) =>
      fetch(`${centre!.url}${path}`, {
        ...init,
        headers: {
          authorization: `Bearer ${kiosk.core.sync.store.enrolment()!.token}`,
          'content-type': 'application/json',
        },
      });
    // Counter 1's kiosk (assigned to q-1) tries to claim for counter 2, then to read counter 3's queue.
    const forged = await ask(k1, '/api/v1/queue/claim', {
      method: 'POST',
      body: JSON.stringify({ ticketId: ticket.ticketId, counterId: 'q-2' }),
    });
    expect(forged.status).toBe(403);
    expect(((await forged.json()) as { error: { message: string } }).error.message).toContain('quầy khác');
    expect((await ask(k1, '/api/v1/queue/stream?after=0&counterId=q-3')).status).toBe(403);
    // The entrance kiosk calls nobody's numbers.
    const fromEntrance = await ask(entrance, '/api/v1/queue/claim', {
      method: 'POST',
      body: JSON.stringify({ ticketId: ticket.ticketId, counterId: 'q-1' }),
    });
    expect(fromEntrance.status).toBe(403);
    // Nothing was claimed: counter 1 still calls it.
    expect((await k1.core.queue.callNext('q-1')).number).toBe(ticket.number);
  });
});
