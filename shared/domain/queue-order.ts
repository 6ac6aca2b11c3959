import type { OrderingRule } from './queue-config.ts';

/** What the ordering needs to know about a waiting ticket. */
export interface Orderable {
  /** Issue time as ISO-8601 with offset; a transferred ticket keeps its original one. */
  issuedAt: string;
  /** Tie-break for tickets issued in the same millisecond: the order they were stored. */
  seq: number;
  priority: boolean;
}

/** Oldest first; equal instants by storage order. */
export function compareFifo(a: Orderable, b: Orderable): number {
  return Date.parse(a.issuedAt) - Date.parse(b.issuedAt) || a.seq - b.seq;
}

/**
 * Whether the next call should take a priority ticket, given that both classes are waiting.
 * Under n:1, one priority ticket is called after every n normal ones; `normalsSinceLastPriority`
 * counts the normal tickets called since the last priority one (Infinity when none was called
 * yet today, so a waiting priority ticket goes first).
 */
export function priorityTurn(rule: OrderingRule, normalsSinceLastPriority: number): boolean {
  return rule === 'strict' || normalsSinceLastPriority >= rule.normalPerPriority;
}

/**
 * The order in which the waiting tickets will be called if nobody else arrives: FIFO within
 * each class, classes interleaved by the rule. The first element is the next call.
 */
export function callOrder<T extends Orderable>(
  waiting: readonly T[],
  rule: OrderingRule,
  normalsSinceLastPriority: number,
): T[] {
  const priority = waiting.filter((t) => t.priority).sort(compareFifo);
  const normal = waiting.filter((t) => !t.priority).sort(compareFifo);
  const order: T[] = [];
  let since = normalsSinceLastPriority;
  let p = 0;
  let n = 0;
  while (p < priority.length || n < normal.length) {
    const takePriority = p < priority.length && (n >= normal.length || priorityTurn(rule, since));
    if (takePriority) {
      order.push(priority[p++]!);
      since = 0;
    } else {
      order.push(normal[n++]!);
      since += 1;
    }
  }
  return order;
}

/** The ticket the officer's "Gọi số tiếp theo" calls, or null when nobody waits. */
export function pickNext<T extends Orderable>(
  waiting: readonly T[],
  rule: OrderingRule,
  normalsSinceLastPriority: number,
): T | null {
  return callOrder(waiting, rule, normalsSinceLastPriority)[0] ?? null;
}
