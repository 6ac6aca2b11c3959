/**
 * The life of a ticket. waiting → called → serving → done; a called ticket can be recalled
 * (it stays called) or marked no-show; a called or serving ticket can be transferred to
 * another service (a new waiting ticket there); a waiting or called ticket can be cancelled.
 * done, no_show, transferred and cancelled are final, except that a mistaken no-show may be
 * undone for a short while (NO_SHOW_UNDO_MS, and only until the counter calls again): the
 * ticket waits again at the place its issue time gives it.
 */
export const TICKET_STATUSES = ['waiting', 'called', 'serving', 'done', 'no_show', 'transferred', 'cancelled'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const TICKET_ACTIONS = [
  'call',
  'recall',
  'start',
  'finish',
  'noShow',
  'undoNoShow',
  'transfer',
  'cancel',
] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

const TRANSITIONS: Record<TicketAction, Partial<Record<TicketStatus, TicketStatus>>> = {
  call: { waiting: 'called' },
  recall: { called: 'called' },
  start: { called: 'serving' },
  finish: { serving: 'done' },
  noShow: { called: 'no_show' },
  undoNoShow: { no_show: 'waiting' },
  transfer: { called: 'transferred', serving: 'transferred' },
  cancel: { waiting: 'cancelled', called: 'cancelled' },
};

export const STATUS_LABELS: Record<TicketStatus, string> = {
  waiting: 'đang chờ',
  called: 'đã được gọi',
  serving: 'đang được phục vụ',
  done: 'đã hoàn thành',
  no_show: 'đã vắng mặt',
  transferred: 'đã được chuyển',
  cancelled: 'đã hủy',
};

const ACTION_LABELS: Record<TicketAction, string> = {
  call: 'gọi',
  recall: 'gọi lại',
  start: 'bắt đầu phục vụ',
  finish: 'hoàn thành',
  noShow: 'đánh dấu vắng mặt',
  undoNoShow: 'hoàn tác vắng mặt',
  transfer: 'chuyển',
  cancel: 'hủy',
};

/** How long after `Vắng mặt` the officer may undo it (issue 10: "within a minute"). */
export const NO_SHOW_UNDO_MS = 60_000;

export const OPEN_STATUSES: readonly TicketStatus[] = ['waiting', 'called', 'serving'];

export function isFinal(status: TicketStatus): boolean {
  return !OPEN_STATUSES.includes(status);
}

/** The status after `action`, or null when the action is not allowed from `status`. */
export function nextStatus(status: TicketStatus, action: TicketAction): TicketStatus | null {
  return TRANSITIONS[action][status] ?? null;
}

export type TransitionResult = { ok: true; status: TicketStatus } | { ok: false; message: string };

/** Like nextStatus, with the Vietnamese sentence to show when the action is refused. */
export function transition(status: TicketStatus, action: TicketAction, number?: string): TransitionResult {
  const next = nextStatus(status, action);
  if (next !== null) return { ok: true, status: next };
  const which = number === undefined ? 'Phiếu này' : `Số ${number}`;
  return {
    ok: false,
    message: `Không thể ${ACTION_LABELS[action]}: ${which} ${STATUS_LABELS[status]}.`,
  };
}
