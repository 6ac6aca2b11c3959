import type { BoardCall, BoardSnapshot } from '../../../shared/contract/console-api.ts';

export const RECENT_SHOWN = 8;

/** Adds a live call: it becomes the counter's current number and tops the recent list. */
export function addCall(state: BoardSnapshot, call: BoardCall): BoardSnapshot {
  const current = [...state.current.filter((c) => c.counterNumber !== call.counterNumber), call].sort(
    (a, b) => a.counterNumber - b.counterNumber,
  );
  return { current, recent: uniqueRecent([call, ...state.recent]) };
}

/**
 * `Vừa gọi` shows each number once, where it was called last: a recalled or transferred ticket
 * moves to the top with its new counter instead of appearing twice. Newest first in, newest first out.
 */
export function uniqueRecent(calls: readonly BoardCall[]): BoardCall[] {
  const seen = new Set<string>();
  const unique: BoardCall[] = [];
  for (const call of calls) {
    if (seen.has(call.number)) continue;
    seen.add(call.number);
    unique.push(call);
  }
  return unique.slice(0, RECENT_SHOWN);
}

/** Only the four public fields, whatever else a message might carry. */
export function publicCall(value: unknown): BoardCall | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  if (typeof v.counterNumber !== 'number' || typeof v.number !== 'string' || typeof v.calledAt !== 'string')
    return null;
  return {
    counterNumber: v.counterNumber,
    counterName: typeof v.counterName === 'string' ? v.counterName : `Quầy số ${v.counterNumber}`,
    number: v.number,
    calledAt: v.calledAt,
  };
}
