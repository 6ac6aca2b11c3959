import type { TicketView } from '../../../shared/contract/queue-channels.ts';

/**
 * The take-number flow inside the `takeNumber` screen. idle → (priority category) → (service,
 * when the counter has more than one) → issuing → ticket → idle.
 */
export type TakeNumberFlow =
  | { step: 'priority' }
  | { step: 'service'; priority?: string }
  | { step: 'issuing' }
  | { step: 'ticket'; ticket: TicketView }
  | { step: 'error'; message: string };

/** "khoảng 15 phút", or a plain sentence when the citizen is next. */
export function waitText(ticket: Pick<TicketView, 'peopleAhead' | 'estimatedWaitMinutes'>): string {
  if (ticket.peopleAhead === 0) return 'Sắp đến lượt';
  if (ticket.estimatedWaitMinutes < 60) return `khoảng ${String(ticket.estimatedWaitMinutes)} phút`;
  const hours = Math.floor(ticket.estimatedWaitMinutes / 60);
  const minutes = ticket.estimatedWaitMinutes % 60;
  return minutes === 0 ? `khoảng ${String(hours)} giờ` : `khoảng ${String(hours)} giờ ${String(minutes)} phút`;
}
