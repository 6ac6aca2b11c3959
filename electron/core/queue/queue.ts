import type { OfficerOnDuty } from '../../../shared/contract/kiosk-state.ts';
import type {
  OfficerTicketView,
  OfficerView,
  PrinterStatusView,
  PrintOutcome,
  QueueState,
  TicketView,
} from '../../../shared/contract/queue-channels.ts';
import { DomainError } from '../../../shared/contract/result.ts';
import type { Counter } from '../../../shared/domain/config.ts';
import type { QueueService } from '../../../shared/domain/queue-config.ts';
import {
  NUMBERS_EXHAUSTED_MESSAGE,
  formatTicketNumber,
  nthNumber,
  numberingDay,
} from '../../../shared/domain/queue-numbering.ts';
import { callOrder, pickNext } from '../../../shared/domain/queue-order.ts';
import { STATUS_LABELS, transition, type TicketAction, type TicketStatus } from '../../../shared/domain/queue-state.ts';
import { estimateWaitMinutes } from '../../../shared/domain/queue-wait.ts';
import { toVietnamIso } from '../../../shared/domain/vietnam-time.ts';
import type { ConfigStore } from '../config-store.ts';
import type { Db } from '../database.ts';
import type { OfficerDuty } from '../officer-duty.ts';
import { Outbox } from '../outbox.ts';
import type { TicketPrintData } from '../../printing/ticket-print-data.ts';
import { NO_PRINTER_MESSAGE, type QueuePrinter } from './printer-port.ts';
import type { QueueStore } from './queue-store.ts';
import { RatingWindows } from './rating-window.ts';

export interface TicketRow {
  seq: number;
  id: string;
  day: string;
  service_id: string;
  counter_id: string;
  number: string;
  day_index: number | null;
  priority: string | null;
  status: TicketStatus;
  issued_at: string;
  called_at: string | null;
  started_at: string | null;
  finished_at: string | null;
  officer_id: string | null;
  agency_id: string | null;
  transferred_from: string | null;
  transferred_to: string | null;
  printed: number;
}

export interface QueueDeps {
  db: Db;
  config: ConfigStore;
  store: QueueStore;
  duty: OfficerDuty;
  outbox: Outbox;
  now: () => Date;
  /** null: no printer configured; tickets are shown on screen only. */
  printer: QueuePrinter | null;
  /** Called after every change a screen should see (KioskCore.publish). */
  changed: () => void;
}

type RatingRequest = NonNullable<QueueState['ratingRequest']>;
type LastCall = NonNullable<QueueState['lastCall']>;

const CITIZEN_PRINT_NOTE = 'Số của ông/bà vẫn được ghi nhận: vui lòng ghi nhớ số này hoặc chụp ảnh mã QR.';

/** The QR printed and shown on a ticket: enough to find the ticket in the kiosk's records. */
export function ticketQrText(ticketId: string, number: string): string {
  return `hailong:ticket/${ticketId}?so=${encodeURIComponent(number)}`;
}

/**
 * The queue at the kiosk: issues numbers (offline, from local configuration), lets the
 * officer call, recall, start, finish, mark no-show, transfer and cancel, and asks the
 * citizen for a rating when a ticket is finished. Every change and its event are written in
 * one transaction.
 */
export class Queue {
  private printerStatus: PrinterStatusView;
  private readonly lastCalls = new Map<string, LastCall>();
  private readonly ratingRequests: RatingWindows;
  private ratingTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly selectTicket;
  private readonly selectOpen;
  private readonly selectWaiting;
  private readonly countIssued;

  constructor(private readonly deps: QueueDeps) {
    const { db } = deps;
    this.ratingRequests = new RatingWindows(db);
    this.printerStatus = deps.printer
      ? { state: 'unknown', message: 'Chưa kiểm tra trạng thái máy in.' }
      : { state: 'none', message: NO_PRINTER_MESSAGE };
    this.selectTicket = db.prepare<[string], TicketRow>('SELECT * FROM tickets WHERE id = ?');
    this.selectOpen = db.prepare<[string], TicketRow>(
      "SELECT * FROM tickets WHERE counter_id = ? AND status IN ('called', 'serving') ORDER BY called_at DESC LIMIT 1",
    );
    this.selectWaiting = db.prepare<[string, string], TicketRow>(
      "SELECT * FROM tickets WHERE counter_id = ? AND status = 'waiting' AND day = ? ORDER BY seq",
    );
    this.countIssued = db.prepare<[string, string], { n: number }>(
      'SELECT count(*) AS n FROM tickets WHERE service_id = ? AND day = ? AND day_index IS NOT NULL',
    );
  }

  ticket(id: string): TicketRow | null {
    return this.selectTicket.get(id) ?? null;
  }

  // ── Citizen ──────────────────────────────────────────────────────────────────────────

  /**
   * Issues a number and commits it, then prints. A failed print never undoes the ticket: it is
   * shown on screen with its QR and offered for reprint in the officer console.
   */
  async takeNumber(serviceId: string, priorityCode?: string): Promise<TicketView> {
    const row = this.issue(serviceId, priorityCode);
    this.deps.changed();
    const view = this.ticketView(row);
    const outcome = await this.printRow(row, view);
    return { ...view, ...outcome };
  }

  /** The synchronous half of takeNumber: numbering, the row and its event. */
  issue(serviceId: string, priorityCode?: string): TicketRow {
    const service = this.requireService(serviceId);
    if (priorityCode !== undefined && !this.deps.store.priorities().some((p) => p.code === priorityCode)) {
      throw new DomainError('not_found', 'Không có đối tượng ưu tiên này trong danh sách.');
    }
    const instant = this.deps.now();
    const day = numberingDay(instant);
    const issuedAt = toVietnamIso(instant);
    const id = Outbox.newId();
    this.deps.db.transaction(() => {
      const issuedToday = this.countIssued.get(service.id, day)!.n;
      const value = nthNumber(service, issuedToday);
      if (value === null) throw new DomainError('conflict', `${NUMBERS_EXHAUSTED_MESSAGE}.`);
      const number = formatTicketNumber(service, value);
      this.deps.db
        .prepare(
          `INSERT INTO tickets (id, day, service_id, counter_id, number, day_index, priority, status, issued_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, 'waiting', ?)`,
        )
        .run(id, day, service.id, service.counterId, number, issuedToday, priorityCode ?? null, issuedAt);
      this.deps.outbox.append({
        id: Outbox.newId(),
        type: 'ticket.issued',
        occurredAt: issuedAt,
        ticketId: id,
        number,
        serviceId: service.id,
        counterId: service.counterId,
        ...(priorityCode !== undefined && { priority: priorityCode }),
      });
    })();
    return this.ticket(id)!;
  }

  async reprint(ticketId: string): Promise<PrintOutcome> {
    const row = this.ticket(ticketId);
    if (!row) throw new DomainError('not_found', 'Không tìm thấy phiếu này.');
    if (row.status !== 'waiting' && row.status !== 'called') {
      throw new DomainError('conflict', `Số ${row.number} đã được phục vụ xong, không cần in lại.`);
    }
    return this.printRow(row, this.ticketView(row));
  }

  /** Asks the printer for its state (at start-up, and from the officer console). */
  async refreshPrinter(): Promise<PrinterStatusView> {
    const printer = this.deps.printer;
    if (!printer) return this.printerStatus;
    try {
      this.setPrinterStatus(await printer.status());
    } catch (error) {
      this.setPrinterStatus({ state: 'offline', message: `Không hỏi được trạng thái máy in: ${String(error)}` });
    }
    return this.printerStatus;
  }

  // ── Officer ──────────────────────────────────────────────────────────────────────────

  callNext(counterId: string): OfficerTicketView {
    const called = this.deps.db.transaction(() => {
      const officer = this.requireOfficer(counterId);
      const current = this.selectOpen.get(counterId);
      if (current) {
        throw new DomainError(
          'conflict',
          `Số ${current.number} vẫn đang ở quầy: hãy Hoàn thành, Chuyển hoặc đánh dấu Vắng mặt trước khi gọi số tiếp theo.`,
        );
      }
      const day = numberingDay(this.deps.now());
      const next = pickNext(
        this.orderable(this.selectWaiting.all(counterId, day)),
        this.deps.store.options().ordering,
        this.normalsSinceLastPriority(counterId, day),
      );
      if (!next) throw new DomainError('not_found', 'Hiện không có ai đang chờ.');
      const row = next.row;
      this.check(row, 'call');
      const calledAt = toVietnamIso(this.deps.now());
      this.deps.db
        .prepare("UPDATE tickets SET status = 'called', called_at = ?, officer_id = ?, agency_id = ? WHERE id = ?")
        .run(calledAt, officer.id, officer.agencyId, row.id);
      const event = this.deps.outbox.append({
        id: Outbox.newId(),
        type: 'ticket.called',
        occurredAt: calledAt,
        ticketId: row.id,
        counterId,
        officerId: officer.id,
        agencyId: officer.agencyId,
      });
      this.announce(counterId, row, event.seq);
      return this.ticket(row.id)!;
    })();
    this.deps.changed();
    return this.officerTicket(called);
  }

  /** Calls the current ticket again: it stays called, and the citizen screen announces it again. */
  recall(counterId: string, ticketId?: string): OfficerTicketView {
    const row = this.deps.db.transaction(() => {
      const officer = this.requireOfficer(counterId);
      const current = this.requireCurrent(counterId, ticketId);
      this.check(current, 'recall');
      const event = this.deps.outbox.append({
        id: Outbox.newId(),
        type: 'ticket.recalled',
        occurredAt: toVietnamIso(this.deps.now()),
        ticketId: current.id,
        counterId,
        officerId: officer.id,
      });
      this.announce(counterId, current, event.seq);
      return current;
    })();
    this.deps.changed();
    return this.officerTicket(row);
  }

  start(counterId: string, ticketId?: string): OfficerTicketView {
    const row = this.deps.db.transaction(() => {
      const officer = this.requireOfficer(counterId);
      const current = this.requireCurrent(counterId, ticketId);
      this.check(current, 'start');
      this.markStarted(current, officer, toVietnamIso(this.deps.now()));
      return this.ticket(current.id)!;
    })();
    this.deps.changed();
    return this.officerTicket(row);
  }

  /**
   * Finishes the current ticket and asks the citizen to rate it. A ticket still `called` (the
   * officer did not press "Bắt đầu phục vụ") is taken as served from the moment it was called:
   * its start is recorded at the call time, then it is finished.
   */
  finish(counterId: string, ticketId?: string): void {
    const finished = this.deps.db.transaction(() => {
      const officer = this.requireOfficer(counterId);
      let current = this.requireCurrent(counterId, ticketId);
      if (current.status === 'called') {
        this.markStarted(current, officer, current.called_at!);
        current = this.ticket(current.id)!;
      }
      this.check(current, 'finish');
      const finishedAt = toVietnamIso(this.deps.now());
      this.deps.db
        .prepare("UPDATE tickets SET status = 'done', finished_at = ? WHERE id = ?")
        .run(finishedAt, current.id);
      this.deps.outbox.append({
        id: Outbox.newId(),
        type: 'ticket.finished',
        occurredAt: finishedAt,
        ticketId: current.id,
        number: current.number,
        serviceId: current.service_id,
        counterId,
        officerId: officer.id,
        agencyId: officer.agencyId,
        issuedAt: current.issued_at,
        calledAt: current.called_at!,
        startedAt: current.started_at!,
      });
      return current;
    })();
    const windowMs = this.deps.store.options().ratingWindowSeconds * 1000;
    this.ratingRequests.set(counterId, {
      ticketId: finished.id,
      number: finished.number,
      until: toVietnamIso(new Date(this.deps.now().getTime() + windowMs)),
    });
    this.scheduleRatingExpiry(windowMs);
    this.deps.changed();
  }

  noShow(counterId: string, ticketId?: string): void {
    this.deps.db.transaction(() => {
      const officer = this.requireOfficer(counterId);
      const current = this.requireCurrent(counterId, ticketId);
      this.check(current, 'noShow');
      const at = toVietnamIso(this.deps.now());
      this.deps.db.prepare("UPDATE tickets SET status = 'no_show', finished_at = ? WHERE id = ?").run(at, current.id);
      this.deps.outbox.append({
        id: Outbox.newId(),
        type: 'ticket.no_show',
        occurredAt: at,
        ticketId: current.id,
        counterId,
        officerId: officer.id,
      });
    })();
    this.deps.changed();
  }

  /**
   * Sends the current ticket to another service. The citizen keeps the number on their paper
   * ticket: a new waiting ticket with the same number and the original issue time is queued in
   * the target service (so it is called ahead of anyone who came later), and it uses none of
   * the target's numbers.
   */
  transfer(counterId: string, ticketId: string | undefined, toServiceId: string): { newTicketId: string } {
    const newTicketId = Outbox.newId();
    this.deps.db.transaction(() => {
      this.requireOfficer(counterId);
      const current = this.requireCurrent(counterId, ticketId);
      const target = this.requireService(toServiceId);
      if (target.id === current.service_id) {
        throw new DomainError(
          'conflict',
          `Số ${current.number} đã thuộc dịch vụ ${target.name}; hãy chọn dịch vụ khác.`,
        );
      }
      this.check(current, 'transfer');
      const at = toVietnamIso(this.deps.now());
      this.deps.db
        .prepare("UPDATE tickets SET status = 'transferred', finished_at = ?, transferred_to = ? WHERE id = ?")
        .run(at, newTicketId, current.id);
      this.deps.db
        .prepare(
          `INSERT INTO tickets (id, day, service_id, counter_id, number, day_index, priority, status, issued_at,
                                transferred_from, printed)
           VALUES (?, ?, ?, ?, ?, NULL, ?, 'waiting', ?, ?, ?)`,
        )
        .run(
          newTicketId,
          current.day,
          target.id,
          target.counterId,
          current.number,
          current.priority,
          current.issued_at,
          current.id,
          current.printed,
        );
      this.deps.outbox.append({
        id: Outbox.newId(),
        type: 'ticket.transferred',
        occurredAt: at,
        ticketId: current.id,
        toServiceId: target.id,
        newTicketId,
      });
    })();
    this.deps.changed();
    return { newTicketId };
  }

  /** Cancels a waiting or called ticket (the citizen left, or a number was taken by mistake). */
  cancel(counterId: string, ticketId: string): void {
    this.deps.db.transaction(() => {
      this.requireOfficer(counterId);
      const row = this.ticket(ticketId);
      if (!row) throw new DomainError('not_found', 'Không tìm thấy phiếu này.');
      this.check(row, 'cancel');
      const at = toVietnamIso(this.deps.now());
      this.deps.db.prepare("UPDATE tickets SET status = 'cancelled', finished_at = ? WHERE id = ?").run(at, row.id);
      this.deps.outbox.append({ id: Outbox.newId(), type: 'ticket.cancelled', occurredAt: at, ticketId: row.id });
    })();
    this.deps.changed();
  }

  officerView(counterId: string | null): OfficerView {
    const counter = counterId ? this.deps.config.counter(counterId) : null;
    if (!counterId || !counter) {
      return {
        counterName: null,
        officer: null,
        current: null,
        waiting: [],
        transferTargets: [],
        printer: this.printerStatus,
        unprinted: [],
        servedToday: 0,
      };
    }
    const day = numberingDay(this.deps.now());
    const current = this.selectOpen.get(counterId);
    const waiting = this.callOrderAt(counterId, day).map((row) => this.officerTicket(row));
    const counters = new Map(this.deps.config.counters().map((c) => [c.id, c]));
    return {
      counterName: counter.name,
      officer: this.deps.duty.onDuty(counterId),
      current: current ? this.officerTicket(current) : null,
      waiting,
      transferTargets: this.deps.store.allServices().map((s) => ({
        serviceId: s.id,
        serviceName: s.name,
        counterName: counters.get(s.counterId)?.name ?? s.counterId,
      })),
      printer: this.printerStatus,
      unprinted: this.deps.printer ? waiting.filter((t) => !t.printed) : [],
      servedToday: this.deps.db
        .prepare<[string, string], { n: number }>(
          "SELECT count(*) AS n FROM tickets WHERE counter_id = ? AND day = ? AND status = 'done'",
        )
        .get(counterId, day)!.n,
    };
  }

  /** The queue's part of KioskState for the kiosk at `counterId`. */
  state(counterId: string | null): QueueState {
    const options = this.deps.store.options();
    return {
      services: counterId ? this.deps.store.servicesOf(counterId).map((s) => ({ id: s.id, name: s.name })) : [],
      priorities: this.deps.store.priorities().map((p) => ({ code: p.code, label: p.label })),
      printer: this.printerStatus,
      lastCall: (counterId && this.lastCalls.get(counterId)) || null,
      ratingRequest: counterId ? this.liveRatingRequest(counterId) : null,
      ticketDisplaySeconds: options.ticketDisplaySeconds,
    };
  }

  /** The ticket the citizen at this counter is being asked to rate, if the window is open. */
  pendingRating(counterId: string): string | undefined {
    // On the rating tap's path: read the one in-memory entry, not the whole queue state.
    return this.liveRatingRequest(counterId)?.ticketId;
  }

  private liveRatingRequest(counterId: string): RatingRequest | null {
    const request = this.ratingRequests.get(counterId);
    return request && Date.parse(request.until) > this.deps.now().getTime() ? request : null;
  }

  /** A rating may carry only a finished ticket's id. */
  assertRatable(ticketId: string): void {
    const row = this.ticket(ticketId);
    if (!row) throw new DomainError('not_found', 'Không tìm thấy phiếu cần đánh giá.');
    if (row.status !== 'done') {
      throw new DomainError('conflict', `Số ${row.number} chưa được phục vụ xong nên chưa thể đánh giá.`);
    }
  }

  /** The rating for the requested ticket arrived: the citizen screen leaves rating mode. */
  ratingReceived(counterId: string, ticketId: string): void {
    if (this.ratingRequests.get(counterId)?.ticketId === ticketId) this.ratingRequests.delete(counterId);
  }

  /** The console assigned another printer (or none): tickets go there from the next one on. */
  replacePrinter(printer: QueuePrinter | null): void {
    this.deps.printer = printer;
    this.printerStatus = printer
      ? { state: 'unknown', message: 'Chưa kiểm tra trạng thái máy in.' }
      : { state: 'none', message: NO_PRINTER_MESSAGE };
    this.deps.changed();
  }

  close(): void {
    if (this.ratingTimer) clearTimeout(this.ratingTimer);
    this.ratingTimer = null;
  }

  // ── Internals ────────────────────────────────────────────────────────────────────────

  private requireService(serviceId: string): QueueService {
    const service = this.deps.store.service(serviceId);
    if (!service) throw new DomainError('not_found', 'Không tìm thấy dịch vụ này.');
    return service;
  }

  private requireOfficer(counterId: string): OfficerOnDuty {
    const officer = this.deps.duty.onDuty(counterId);
    if (!officer) {
      throw new DomainError('no_officer_on_duty', 'Quầy chưa có cán bộ đăng nhập. Hãy đăng nhập trên kiosk trước.');
    }
    return officer;
  }

  private requireCurrent(counterId: string, ticketId: string | undefined): TicketRow {
    const current = this.selectOpen.get(counterId);
    if (ticketId !== undefined && current?.id !== ticketId) {
      const row = this.ticket(ticketId);
      if (!row) throw new DomainError('not_found', 'Không tìm thấy phiếu này.');
      throw new DomainError(
        'conflict',
        `Số ${row.number} không phải số đang ở quầy (số này ${STATUS_LABELS[row.status]}).`,
      );
    }
    if (!current) throw new DomainError('conflict', 'Chưa có số nào đang ở quầy. Hãy gọi số tiếp theo.');
    return current;
  }

  private check(row: TicketRow, action: TicketAction): void {
    const result = transition(row.status, action, row.number);
    if (!result.ok) throw new DomainError('conflict', result.message);
  }

  private markStarted(row: TicketRow, officer: OfficerOnDuty, startedAt: string): void {
    this.check(row, 'start');
    this.deps.db.prepare("UPDATE tickets SET status = 'serving', started_at = ? WHERE id = ?").run(startedAt, row.id);
    this.deps.outbox.append({
      id: Outbox.newId(),
      type: 'ticket.started',
      occurredAt: startedAt,
      ticketId: row.id,
      counterId: row.counter_id,
      officerId: officer.id,
      agencyId: officer.agencyId,
    });
  }

  private announce(counterId: string, row: TicketRow, callId: number): void {
    const counter = this.deps.config.counter(counterId);
    this.lastCalls.set(counterId, {
      ticketId: row.id,
      number: row.number,
      counterNumber: counter?.number ?? 0,
      callId,
    });
  }

  private scheduleRatingExpiry(windowMs: number): void {
    if (this.ratingTimer) clearTimeout(this.ratingTimer);
    // The screens time out by themselves; this push only keeps every copy of the state honest.
    this.ratingTimer = setTimeout(() => {
      this.ratingTimer = null;
      this.deps.changed();
    }, windowMs + 100);
    this.ratingTimer.unref();
  }

  /** Normal tickets called at the counter today since the last priority one (Infinity if none). */
  private normalsSinceLastPriority(counterId: string, day: string): number {
    const rows = this.deps.db
      .prepare<[string, string], { priority: string | null }>(
        `SELECT priority FROM tickets WHERE counter_id = ? AND day = ? AND called_at IS NOT NULL
          ORDER BY called_at DESC, seq DESC`,
      )
      .iterate(counterId, day);
    let normals = 0;
    for (const row of rows) {
      if (row.priority !== null) return normals;
      normals += 1;
    }
    return Number.POSITIVE_INFINITY;
  }

  private orderable(rows: TicketRow[]): Array<{ row: TicketRow; issuedAt: string; seq: number; priority: boolean }> {
    return rows.map((row) => ({ row, issuedAt: row.issued_at, seq: row.seq, priority: row.priority !== null }));
  }

  private callOrderAt(counterId: string, day: string): TicketRow[] {
    return callOrder(
      this.orderable(this.selectWaiting.all(counterId, day)),
      this.deps.store.options().ordering,
      this.normalsSinceLastPriority(counterId, day),
    ).map((o) => o.row);
  }

  private recentServiceMs(counterId: string, samples: number): number[] {
    return this.deps.db
      .prepare<[string, number], { started_at: string; finished_at: string }>(
        `SELECT started_at, finished_at FROM tickets WHERE counter_id = ? AND status = 'done'
          ORDER BY finished_at DESC LIMIT ?`,
      )
      .all(counterId, samples)
      .map((r) => Date.parse(r.finished_at) - Date.parse(r.started_at));
  }

  private counterOf(row: TicketRow): Counter {
    return (
      this.deps.config.counter(row.counter_id) ?? {
        id: row.counter_id,
        number: 0,
        name: row.counter_id,
      }
    );
  }

  private ticketView(row: TicketRow): TicketView {
    const options = this.deps.store.options();
    const order = this.callOrderAt(row.counter_id, row.day);
    const index = order.findIndex((t) => t.id === row.id);
    const peopleAhead = index < 0 ? 0 : index;
    const counter = this.counterOf(row);
    const priorityLabel = this.priorityLabel(row.priority);
    return {
      ticketId: row.id,
      number: row.number,
      serviceName: this.deps.store.service(row.service_id)?.name ?? row.service_id,
      counterName: counter.name,
      counterNumber: counter.number,
      ...(priorityLabel !== null && { priorityLabel }),
      peopleAhead,
      estimatedWaitMinutes: estimateWaitMinutes({
        peopleAhead,
        recentServiceMs: this.recentServiceMs(row.counter_id, options.waitSamples),
        samples: options.waitSamples,
        defaultServiceMinutes: options.defaultServiceMinutes,
      }),
      issuedAt: row.issued_at,
      qrText: ticketQrText(row.id, row.number),
      printed: row.printed === 1,
    };
  }

  private officerTicket(row: TicketRow): OfficerTicketView {
    return {
      ticketId: row.id,
      number: row.number,
      serviceId: row.service_id,
      serviceName: this.deps.store.service(row.service_id)?.name ?? row.service_id,
      status: row.status,
      priorityLabel: this.priorityLabel(row.priority),
      issuedAt: row.issued_at,
      calledAt: row.called_at,
      startedAt: row.started_at,
      printed: row.printed === 1,
    };
  }

  private priorityLabel(code: string | null): string | null {
    if (code === null) return null;
    return this.deps.store.priorities().find((p) => p.code === code)?.label ?? code;
  }

  private setPrinterStatus(status: PrinterStatusView): void {
    const changed = status.state !== this.printerStatus.state || status.message !== this.printerStatus.message;
    this.printerStatus = status;
    if (changed) this.deps.changed();
  }

  private async printRow(row: TicketRow, view: TicketView): Promise<PrintOutcome> {
    const printer = this.deps.printer;
    if (!printer) return { printed: false, printerMessage: `${NO_PRINTER_MESSAGE} ${CITIZEN_PRINT_NOTE}` };
    const data: TicketPrintData = {
      centreName: this.deps.config.centreName(),
      number: view.number,
      serviceName: view.serviceName,
      counterName: view.counterName,
      peopleAhead: view.peopleAhead,
      estimatedWaitMinutes: view.estimatedWaitMinutes,
      issuedAt: new Date(view.issuedAt),
      ...(view.priorityLabel !== undefined && { priorityLabel: `Ưu tiên: ${view.priorityLabel}` }),
      qrText: view.qrText,
    };
    let failure: PrinterStatusView | null = null;
    let warning: PrinterStatusView | null = null;
    try {
      const result = await printer.print(data);
      if (!result.ok) failure = result.status;
      else warning = result.warning ?? null;
    } catch (error) {
      failure = {
        state: 'offline',
        message: `Không in được phiếu: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
    if (failure) {
      this.setPrinterStatus(failure);
      return { printed: false, printerMessage: `${failure.message}. ${CITIZEN_PRINT_NOTE}` };
    }
    this.deps.db.prepare('UPDATE tickets SET printed = 1 WHERE id = ?').run(row.id);
    const before = this.printerStatus;
    this.printerStatus = warning ?? { state: 'ok', message: 'Máy in sẵn sàng' };
    // A reprint after recovery clears the alert; the list of unprinted tickets changed either way.
    if (before.state !== this.printerStatus.state || row.printed === 0) this.deps.changed();
    return { printed: true };
  }
}
