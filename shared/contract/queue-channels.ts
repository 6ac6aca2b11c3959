import { z } from 'zod';
import { IdSchema } from '../domain/config.ts';
import { DossierCodeSchema } from '../domain/events.ts';
import type { TicketStatus } from '../domain/queue-state.ts';
import type { OfficerOnDuty } from './kiosk-state.ts';

/**
 * The queue's part of the kiosk contract, spread into `kioskChannels`. The helper repeats the
 * one in kiosk-channels.ts because that module imports this one (a runtime import back would
 * be circular).
 */
interface Channel<Input extends z.ZodType, Output> {
  input: Input;
  output?: Output;
}
const channel =
  <Output>() =>
  <Input extends z.ZodType>(input: Input): Channel<Input, Output> => ({ input });

const Empty = z.strictObject({});
const TicketIdSchema = z.uuid('Mã phiếu không hợp lệ');
/** Officer actions act on the counter's current ticket; a ticket id, when sent, must match it. */
const CurrentTicket = z.strictObject({ ticketId: TicketIdSchema.optional() });

/** The printing module's states (electron/printing/printer-status.ts) plus `none`: no printer configured. */
export type PrinterState = 'none' | 'ok' | 'offline' | 'paper_out' | 'cover_open' | 'paper_near_end' | 'unknown';

export interface PrinterStatusView {
  state: PrinterState;
  /** Vietnamese, for the officer console alert and the citizen's note. */
  message: string;
}

/** What the citizen sees (and the printer prints) after taking a number. */
export interface TicketView {
  ticketId: string;
  number: string;
  serviceName: string;
  counterName: string;
  counterNumber: number;
  /** Label of the priority category, when one was chosen. */
  priorityLabel?: string;
  peopleAhead: number;
  estimatedWaitMinutes: number;
  /** ISO-8601 with offset. */
  issuedAt: string;
  qrText: string;
  printed: boolean;
  /** Why the ticket was not printed, in Vietnamese. */
  printerMessage?: string;
  /**
   * Set when the kiosk could not reach the server and the ticket's counter is another kiosk:
   * the honest note shown and printed (it reaches the counter when the connection returns).
   */
  connectionNote?: string;
}

export interface OfficerTicketView {
  ticketId: string;
  number: string;
  serviceId: string;
  serviceName: string;
  status: TicketStatus;
  priorityLabel: string | null;
  issuedAt: string;
  calledAt: string | null;
  startedAt: string | null;
  printed: boolean;
}

export interface TransferTarget {
  serviceId: string;
  serviceName: string;
  counterName: string;
}

/** The officer console. It never carries ratings: the officer must not see the rating given. */
export interface OfficerView {
  counterName: string | null;
  officer: OfficerOnDuty | null;
  current: OfficerTicketView | null;
  /** In the order they will be called. */
  waiting: OfficerTicketView[];
  transferTargets: TransferTarget[];
  printer: PrinterStatusView;
  /** Waiting tickets whose last print failed: the "In lại" list. */
  unprinted: OfficerTicketView[];
  servedToday: number;
  /** A `Vắng mặt` the officer may still undo, and until when (Vietnam time ISO-8601). */
  undoNoShow: { ticketId: string; number: string; until: string } | null;
}

export interface QueueServiceChoice {
  id: string;
  name: string;
}

export interface PriorityChoice {
  code: string;
  label: string;
}

/** The queue's part of KioskState. */
export interface QueueState {
  /** `entrance`: numbers for every service of the centre, no rating; `counter`: this counter's services. */
  role: 'counter' | 'entrance';
  /** Services this kiosk issues numbers for (its counter's, or all of them at the entrance). */
  services: QueueServiceChoice[];
  priorities: PriorityChoice[];
  printer: PrinterStatusView;
  /** The last call or recall at this counter; `callId` changes with each, so the screen announces it once. */
  lastCall: { ticketId: string; number: string; counterNumber: number; callId: number } | null;
  /** The number called or being served at this counter now (idle screen), or null. */
  serving?: string | null;
  /** The centre requires a dossier code before `Hoàn thành` (officer console). */
  dossierRequired?: boolean;
  /** The rating prompt also invites by voice (a per-kiosk setting; absent: on). */
  ratingVoice?: boolean;
  /** Set when the officer finishes a ticket: the citizen screen asks for a rating until `until`. */
  ratingRequest: { ticketId: string; number: string; until: string } | null;
  /** How long the take-number ticket stays on screen. */
  ticketDisplaySeconds: number;
}

export interface PrintOutcome {
  printed: boolean;
  printerMessage?: string;
}

export const queueChannels = {
  'queue:takeNumber': channel<TicketView>()(
    z.strictObject({
      serviceId: IdSchema,
      priorityCategory: z
        .string()
        .regex(/^[a-z][a-z0-9_]{0,31}$/, 'Mã đối tượng ưu tiên không hợp lệ')
        .optional(),
    }),
  ),
  'queue:callNext': channel<OfficerTicketView>()(Empty),
  'queue:recall': channel<OfficerTicketView>()(CurrentTicket),
  'queue:start': channel<OfficerTicketView>()(CurrentTicket),
  'queue:noShow': channel<null>()(CurrentTicket),
  'queue:undoNoShow': channel<null>()(z.strictObject({ ticketId: TicketIdSchema })),
  'queue:finish': channel<null>()(
    z.strictObject({
      ticketId: TicketIdSchema.optional(),
      /** Typed, or from a barcode scanner acting as a keyboard. */
      dossierCode: DossierCodeSchema.optional(),
      /** The officer finished without the citizen present: no rating prompt. */
      citizenAbsent: z.boolean().optional(),
    }),
  ),
  'queue:transfer': channel<{ newTicketId: string }>()(
    z.strictObject({ ticketId: TicketIdSchema.optional(), toServiceId: IdSchema, toCounterId: IdSchema.optional() }),
  ),
  'queue:cancel': channel<null>()(z.strictObject({ ticketId: TicketIdSchema })),
  'queue:reprint': channel<PrintOutcome>()(z.strictObject({ ticketId: TicketIdSchema })),
  'queue:officerView': channel<OfficerView>()(Empty),
} as const;
