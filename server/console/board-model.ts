import type { BoardCall, BoardSnapshot } from '../../shared/contract/console-api.ts';

export const RECENT_CALLS = 8;

const strip = ({ counterNumber, counterName, number, calledAt }: BoardCall): BoardCall => ({
  counterNumber,
  counterName,
  number,
  calledAt,
});

/** Calls oldest first → each counter's latest call and the latest calls, newest first; public fields only. */
export function boardSnapshot(calls: readonly (BoardCall & { ms: number })[]): BoardSnapshot {
  const current = new Map<number, BoardCall>();
  for (const call of calls) current.set(call.counterNumber, strip(call));
  return {
    current: [...current.values()].sort((a, b) => a.counterNumber - b.counterNumber),
    recent: calls.slice(-RECENT_CALLS).reverse().map(strip),
  };
}

export { strip as publicCall };
