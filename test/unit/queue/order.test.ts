import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OrderingRule } from '../../../shared/domain/queue-config.ts';
import { callOrder, pickNext, type Orderable } from '../../../shared/domain/queue-order.ts';

interface T extends Orderable {
  id: number;
}

const BASE = Date.parse('2026-11-28T08:00:00+07:00');
const at = (ms: number): string => new Date(BASE + ms).toISOString();

/** Tickets in arrival order; the same instant may repeat (seq breaks the tie). */
const ticketsArb = fc
  .array(fc.record({ priority: fc.boolean(), gapMs: fc.integer({ min: 0, max: 3 }) }), { maxLength: 40 })
  .map((specs) => {
    let ms = 0;
    return specs.map((s, i): T => {
      ms += s.gapMs;
      return { id: i, seq: i, issuedAt: at(ms), priority: s.priority };
    });
  });
/** The same tickets shuffled: the order they come out of the database must not matter. */
const shuffledArb = ticketsArb.chain((tickets) =>
  fc
    .shuffledSubarray(tickets, { minLength: tickets.length, maxLength: tickets.length })
    .map((shuffled) => ({ tickets, shuffled })),
);
const ruleArb: fc.Arbitrary<OrderingRule> = fc.oneof(
  fc.constant<OrderingRule>('strict'),
  fc.integer({ min: 1, max: 5 }).map((n) => ({ normalPerPriority: n })),
);
const sinceArb = fc.oneof(fc.integer({ min: 0, max: 6 }), fc.constant(Number.POSITIVE_INFINITY));

describe('call order', () => {
  it('strict: every waiting priority ticket is called before any normal one', () => {
    fc.assert(
      fc.property(shuffledArb, sinceArb, ({ shuffled }, since) => {
        const order = callOrder(shuffled, 'strict', since);
        const firstNormal = order.findIndex((t) => !t.priority);
        if (firstNormal >= 0) expect(order.slice(firstNormal).every((t) => !t.priority)).toBe(true);
      }),
    );
  });

  it('FIFO within a class, whatever the rule (oldest first, ties by storage order)', () => {
    fc.assert(
      fc.property(shuffledArb, ruleArb, sinceArb, ({ tickets, shuffled }, rule, since) => {
        const order = callOrder(shuffled, rule, since);
        expect(order.length).toBe(tickets.length);
        for (const cls of [true, false]) {
          expect(order.filter((t) => t.priority === cls).map((t) => t.id)).toEqual(
            tickets.filter((t) => t.priority === cls).map((t) => t.id),
          );
        }
      }),
    );
  });

  it('n:1: one priority ticket after every n normal ones while both are waiting', () => {
    const p = (id: number): T => ({ id, seq: id, issuedAt: at(id), priority: true });
    const n = (id: number): T => ({ id, seq: id, issuedAt: at(id), priority: false });
    const waiting = [n(0), n(1), n(2), n(3), n(4), p(5), p(6), p(7)];
    const order = callOrder(waiting, { normalPerPriority: 2 }, Number.POSITIVE_INFINITY);
    expect(order.map((t) => t.id)).toEqual([5, 0, 1, 6, 2, 3, 7, 4]);
    // Mid-cycle: one normal was already called since the last priority ticket.
    expect(pickNext(waiting, { normalPerPriority: 2 }, 1)!.id).toBe(0);
    expect(pickNext(waiting, { normalPerPriority: 2 }, 2)!.id).toBe(5);
  });

  it('calls the other class when only one is waiting, and nothing when nobody waits', () => {
    const only = [{ id: 1, seq: 1, issuedAt: at(0), priority: false }];
    expect(pickNext(only, { normalPerPriority: 3 }, Number.POSITIVE_INFINITY)!.id).toBe(1);
    expect(pickNext([], 'strict', 0)).toBeNull();
  });

  it('n:1: no ticket starves, even with priority tickets arriving all the time', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.record({ normals: fc.nat(3), priorities: fc.nat(3) }), { minLength: 1, maxLength: 60 }),
        (n, steps) => {
          const rule: OrderingRule = { normalPerPriority: n };
          let waiting: Array<T & { arrivedStep: number; ahead: number }> = [];
          let since = Number.POSITIVE_INFINITY;
          let nextId = 0;
          let step = 0;
          const arrive = (priority: boolean): void => {
            const ahead = waiting.filter((t) => t.priority === priority).length;
            waiting.push({ id: nextId, seq: nextId, issuedAt: at(nextId), priority, arrivedStep: step, ahead });
            nextId += 1;
          };
          const call = (): void => {
            const next = pickNext(waiting, rule, since);
            if (!next) return;
            waiting = waiting.filter((t) => t !== next);
            since = next.priority ? 0 : since + 1;
            const waited = step - next.arrivedStep;
            // A normal ticket waits for the normals ahead of it plus one priority per n of them;
            // a priority ticket for the priorities ahead plus n normals for each.
            const bound = next.priority
              ? (next.ahead + 1) * (n + 1)
              : next.ahead + 1 + Math.ceil((next.ahead + 1) / n) + 1;
            expect(waited).toBeLessThanOrEqual(bound);
            step += 1;
          };
          for (const s of steps) {
            for (let i = 0; i < s.normals; i += 1) arrive(false);
            for (let i = 0; i < s.priorities; i += 1) arrive(true);
            call();
          }
          // Then priorities keep coming (one per call) while the rest drains: everyone is still called.
          let guard = 0;
          while (waiting.some((t) => !t.priority) && guard < 10_000) {
            arrive(true);
            call();
            guard += 1;
          }
          expect(waiting.filter((t) => !t.priority)).toEqual([]);
        },
      ),
    );
  });
});
