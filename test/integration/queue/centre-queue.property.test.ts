import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/contract/result.ts';
import { Network, enrolKiosk, startCentre, until, type CentreKiosk } from './centre-support.ts';

/**
 * The centre-wide queue under random partitions, reconnections, transfers and calls, run on
 * the real kiosk cores and the real server (SQLite, HTTP on 127.0.0.1). Each kiosk has its own
 * network cable that the property cuts and mends. Afterwards, with every cable mended:
 * nothing is lost, every ticket is in exactly one place, no ticket was called by two
 * counters, numbers are unique per service per day, and every replica agrees with the server.
 */
type Command =
  | { kind: 'issue'; kiosk: 0 | 1 | 2 | 3; service: 'dv-tu-phap' | 'dv-quay-1' | 'dv-dat-dai' }
  | { kind: 'call'; kiosk: 1 | 2 | 3 }
  | { kind: 'finish'; kiosk: 1 | 2 | 3 }
  | { kind: 'transfer'; kiosk: 1 | 2 }
  | { kind: 'cut'; kiosk: 0 | 1 | 2 | 3 }
  | { kind: 'heal'; kiosk: 0 | 1 | 2 | 3 }
  | { kind: 'pause' };

const kioskIndex = fc.constantFrom<0 | 1 | 2 | 3>(0, 1, 2, 3);
const counterIndex = fc.constantFrom<1 | 2 | 3>(1, 2, 3);
const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('issue' as const),
      kiosk: kioskIndex,
      service: fc.constantFrom('dv-tu-phap' as const, 'dv-quay-1' as const, 'dv-dat-dai' as const),
    }),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('call' as const), kiosk: counterIndex }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('finish' as const), kiosk: counterIndex }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('transfer' as const), kiosk: fc.constantFrom<1 | 2>(1, 2) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cut' as const), kiosk: kioskIndex }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('heal' as const), kiosk: kioskIndex }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'pause' as const }) },
);

const SERVED: Record<string, string[]> = { 'dv-tu-phap': ['q-1', 'q-2'], 'dv-quay-1': ['q-1'], 'dv-dat-dai': ['q-3'] };

function calledEvents(kiosk: CentreKiosk): Array<{ ticketId: string; counterId: string }> {
  return kiosk.core.db
    .prepare<[], { body: string }>("SELECT body FROM events WHERE type = 'ticket.called'")
    .all()
    .map((r) => JSON.parse(r.body) as { ticketId: string; counterId: string });
}

async function run(commands: Command[]): Promise<void> {
  const centre = await startCentre('sqlite');
  const networks = [0, 1, 2, 3].map(() => new Network());
  const kiosks: CentreKiosk[] = [];
  try {
    kiosks.push(await enrolKiosk(centre, networks[0]!, 'Kiosk sảnh', 'entrance', null));
    for (const n of [1, 2, 3])
      kiosks.push(await enrolKiosk(centre, networks[n]!, `Kiosk quầy ${n}`, 'counter', `q-${n}`));
    const issued = new Set<string>();
    for (const c of commands) {
      try {
        switch (c.kind) {
          case 'issue': {
            const kiosk = kiosks[c.kiosk]!;
            // A counter kiosk issues only its own services; the entrance any.
            if (c.kiosk !== 0 && !SERVED[c.service]!.includes(`q-${c.kiosk}`)) break;
            issued.add((await kiosk.core.handlers['queue:takeNumber']({ serviceId: c.service })).ticketId);
            break;
          }
          case 'call':
            await kiosks[c.kiosk]!.core.handlers['queue:callNext']({});
            break;
          case 'finish':
            await kiosks[c.kiosk]!.core.handlers['queue:finish']({});
            break;
          case 'transfer': {
            const result = await kiosks[c.kiosk]!.core.handlers['queue:transfer']({ toServiceId: 'dv-dat-dai' });
            issued.add(result.newTicketId);
            break;
          }
          case 'cut':
            networks[c.kiosk]!.cut();
            break;
          case 'heal':
            networks[c.kiosk]!.heal();
            break;
          case 'pause':
            await new Promise((resolve) => setTimeout(resolve, 150));
            break;
        }
      } catch (error) {
        // Refusals (nobody waiting, numbers not leased offline, a ticket still open) are fine; crashes are not.
        if (!(error instanceof DomainError)) throw error;
      }
    }

    for (const network of networks) network.heal();
    const db = centre.app.hailong.db;
    await until(() => kiosks.every((k) => k.core.sync.status().pending === 0), 'every outbox delivered', 20_000);
    const rows = await db.selectFrom('queue_tickets').selectAll().execute();
    // Every replica agrees with the server about every ticket it holds.
    const feedEnd = Number(
      (
        await db
          .selectFrom('queue_feed')
          .select((eb) => eb.fn.max<number | string | null>('seq').as('m'))
          .executeTakeFirst()
      )?.m ?? 0,
    );
    await until(
      () => kiosks.slice(1).every((k) => k.core.queueStream.cursor() >= feedEnd),
      'every stream caught up',
      20_000,
    );
    const byId = new Map(rows.map((r) => [r.ticket_id, r]));

    // Nothing lost, once each.
    for (const id of issued) expect(byId.has(id), `ticket ${id} reached the server`).toBe(true);
    expect(new Set(rows.map((r) => r.ticket_id)).size).toBe(rows.length);
    // Numbers unique per service per day (a transfer keeps the citizen's number in another service).
    const numbered = rows.filter((r) => r.day_index !== null).map((r) => `${r.service_id}|${r.day}|${r.number}`);
    expect(new Set(numbered).size).toBe(numbered.length);
    // Called by at most one counter.
    const callers = new Map<string, Set<string>>();
    for (const kiosk of kiosks) {
      for (const e of calledEvents(kiosk))
        callers.set(e.ticketId, (callers.get(e.ticketId) ?? new Set()).add(e.counterId));
    }
    for (const [ticketId, counters] of callers) expect([...counters], ticketId).toHaveLength(1);
    // Each waiting ticket is in exactly the queues of the counters that may call it, and nowhere else.
    for (const row of rows.filter((r) => r.status === 'waiting')) {
      const expected = row.pinned_counter_id ? [row.pinned_counter_id] : SERVED[row.service_id]!;
      for (const n of [1, 2, 3]) {
        const view = kiosks[n]!.core.queue.officerView(`q-${n}`);
        const there = view.waiting.some((t) => t.ticketId === row.ticket_id);
        expect(there, `${row.number} (${row.service_id}) at q-${n}`).toBe(expected.includes(`q-${n}`));
      }
    }
    // A called or finished ticket waits nowhere.
    for (const row of rows.filter((r) => r.status !== 'waiting')) {
      for (const n of [1, 2, 3]) {
        expect(kiosks[n]!.core.queue.officerView(`q-${n}`).waiting.some((t) => t.ticketId === row.ticket_id)).toBe(
          false,
        );
      }
    }
  } finally {
    for (const kiosk of kiosks) kiosk.close();
    await centre.close();
  }
}

describe('the centre-wide queue under partitions (property)', () => {
  it('each ticket in exactly one queue, called by at most one counter, numbers unique, nothing lost', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 10, maxLength: 30 }), (commands) => run(commands)),
      { numRuns: 6, endOnFailure: true },
    );
  }, 120_000);
});
