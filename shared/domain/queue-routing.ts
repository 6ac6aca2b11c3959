/**
 * Which counter's queue a ticket is in, and who may call it (issue 8 §2). A ticket taken at a
 * counter kiosk is pinned to that counter; one taken at the entrance, or sent to a service by a
 * transfer, is unpinned: any counter serving its service may call it. Online the server
 * arbitrates a call others could also make (a claim); offline a counter calls only what no
 * other counter could call.
 */
export interface RoutedTicket {
  serviceId: string;
  /** The counter the ticket is pinned to, or null when any counter serving the service may call it. */
  pinnedCounterId: string | null;
}

export interface ServedBy {
  id: string;
  counterIds: readonly string[];
}

export type KioskRole = 'counter' | 'entrance';
export const KIOSK_ROLES: readonly KioskRole[] = ['counter', 'entrance'];

/** Whether a waiting ticket is in `counterId`'s queue. */
export function inQueueOf(ticket: RoutedTicket, counterId: string, service: ServedBy | null): boolean {
  if (ticket.pinnedCounterId !== null) return ticket.pinnedCounterId === counterId;
  return service !== null && service.counterIds.includes(counterId);
}

/** Whether another counter could also call this ticket, so the server must arbitrate the call. */
export function needsClaim(ticket: RoutedTicket, service: ServedBy | null): boolean {
  return ticket.pinnedCounterId === null && (service === null || service.counterIds.length > 1);
}

/** Offline, a counter calls only tickets no other counter could call. */
export function mayCallOffline(ticket: RoutedTicket, counterId: string, service: ServedBy | null): boolean {
  return inQueueOf(ticket, counterId, service) && !needsClaim(ticket, service);
}

/**
 * Whether a ticket issued (or transferred) by a kiosk that cannot reach the server depends on
 * that connection to reach its counter: true unless the issuing counter itself serves it.
 */
export function waitsForConnection(
  ticket: RoutedTicket,
  issuerCounterId: string | null,
  service: ServedBy | null,
): boolean {
  if (issuerCounterId === null) return true;
  if (ticket.pinnedCounterId !== null) return ticket.pinnedCounterId !== issuerCounterId;
  return !(service?.counterIds.includes(issuerCounterId) ?? false);
}

export const WAITS_FOR_CONNECTION_MESSAGE =
  'Kiosk đang mất kết nối với máy chủ: số của ông/bà đã được ghi nhận và sẽ được chuyển đến quầy phục vụ ngay khi có kết nối trở lại.';
