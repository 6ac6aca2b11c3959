import type { BoardCall, BoardSnapshot } from '../../shared/contract/console-api.ts';
import type { KioskEvent } from '../../shared/domain/events.ts';

export const RECENT_CALLS = 8;

type Timed = { ms: number; event: KioskEvent };

/** ticketId → the number printed on it; a transferred ticket keeps the citizen's number. */
export function ticketNumbers(events: readonly Timed[], into = new Map<string, string>()): Map<string, string> {
  for (const { event } of [...events].sort((a, b) => a.ms - b.ms)) {
    if (event.type === 'ticket.issued' || event.type === 'ticket.finished') into.set(event.ticketId, event.number);
    if (event.type === 'ticket.transferred') {
      const number = into.get(event.ticketId);
      if (number !== undefined) into.set(event.newTicketId, number);
    }
  }
  return into;
}

/**
 * Calls and recalls as the board shows them: only the counter and the number, never who called
 * or for which service. A call whose ticket number is unknown is not shown.
 */
export function boardCalls(
  events: readonly Timed[],
  numbers: ReadonlyMap<string, string>,
  counters: ReadonlyMap<string, { number: number; name: string }>,
): (BoardCall & { ms: number })[] {
  const calls: (BoardCall & { ms: number })[] = [];
  for (const { ms, event } of events) {
    if (event.type !== 'ticket.called' && event.type !== 'ticket.recalled') continue;
    const number = numbers.get(event.ticketId);
    const counter = counters.get(event.counterId);
    if (number === undefined || !counter) continue;
    calls.push({
      counterNumber: counter.number,
      counterName: counter.name,
      number,
      calledAt: new Date(ms).toISOString(),
      ms,
    });
  }
  return calls.sort((a, b) => a.ms - b.ms);
}

const strip = ({ counterNumber, counterName, number, calledAt }: BoardCall): BoardCall => ({
  counterNumber,
  counterName,
  number,
  calledAt,
});

export function boardSnapshot(calls: readonly (BoardCall & { ms: number })[]): BoardSnapshot {
  const current = new Map<number, BoardCall>();
  for (const call of calls) current.set(call.counterNumber, strip(call));
  return {
    current: [...current.values()].sort((a, b) => a.counterNumber - b.counterNumber),
    recent: calls.slice(-RECENT_CALLS).reverse().map(strip),
  };
}

export { strip as publicCall };
