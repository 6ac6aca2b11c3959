import type { OfficerOnDuty } from '../../../shared/contract/kiosk-state.ts';
import type { QueueState } from '../../../shared/contract/queue-channels.ts';
import type { ClaimOutcome } from '../../../shared/contract/queue-sync.ts';
import { DomainError } from '../../../shared/contract/result.ts';
import type { QueueService } from '../../../shared/domain/queue-config.ts';
import { numberingDay } from '../../../shared/domain/queue-numbering.ts';
import { mayCallOffline, needsClaim, waitsForConnection } from '../../../shared/domain/queue-routing.ts';
import { NO_SHOW_UNDO_MS, STATUS_LABELS, transition, type TicketAction } from '../../../shared/domain/queue-state.ts';
import { instantMs } from '../../../shared/domain/plausible-instant.ts';
import { toVietnamIso } from '../../../shared/domain/vietnam-time.ts';
import type { ConfigStore } from '../config-store.ts';
import { openKioskData } from '../data/index.ts';
import type { TicketWrites } from '../data/ticket-writes.ts';
import type { Db } from '../database.ts';
import type { OfficerDuty } from '../officer-duty.ts';
import { Outbox } from '../outbox.ts';
import type { QueueStore } from './queue-store.ts';
import { pinnedCounter, type TicketRow, type TicketRows } from './ticket-rows.ts';

type LastCall = NonNullable<QueueState['lastCall']>;

export interface OfficerActionsDeps {
  db: Db;
  config: ConfigStore;
  store: QueueStore;
  rows: TicketRows;
  duty: OfficerDuty;
  outbox: Outbox;
  now: () => Date;
  /** Asks the server for the right to call a ticket other counters could also call. */
  claim: (ticketId: string, counterId: string) => Promise<ClaimOutcome>;
  online: () => boolean;
}

/** A claim refused this often in one press means the replica is far behind: stop and say so. */
const MAX_CLAIM_ATTEMPTS = 8;

/**
 * The officer's state machine: call, recall, start, finish, no-show, transfer, cancel. Each
 * change and its event are written in one transaction. A call that another counter could also
 * make is claimed from the server first; offline only what is this counter's alone is called.
 */
export class OfficerActions {
  readonly lastCalls = new Map<string, LastCall>();
  /** One "call next" at a time per counter: a double press must not claim two tickets. */
  private readonly calling = new Map<string, Promise<unknown>>();

  private readonly tickets: TicketWrites;

  constructor(private readonly deps: OfficerActionsDeps) {
    this.tickets = openKioskData(deps.db).ticketWrites;
  }

  async callNext(counterId: string): Promise<TicketRow> {
    const previous = this.calling.get(counterId) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.callNextNow(counterId));
    this.calling.set(counterId, run);
    try {
      return await run;
    } finally {
      if (this.calling.get(counterId) === run) this.calling.delete(counterId);
    }
  }

  private async callNextNow(counterId: string): Promise<TicketRow> {
    const refused = new Set<string>();
    let offline = false;
    for (let attempt = 0; attempt < MAX_CLAIM_ATTEMPTS; attempt += 1) {
      this.requireOfficer(counterId);
      this.assertNoOpen(counterId);
      const day = numberingDay(this.deps.now());
      const services = new Map<string, QueueService | null>();
      const serviceOf = (id: string) => {
        if (!services.has(id)) services.set(id, this.deps.store.service(id));
        return services.get(id) ?? null;
      };
      const candidate = this.deps.rows.next(counterId, day, (row) => {
        if (refused.has(row.id)) return false;
        const routed = { serviceId: row.service_id, pinnedCounterId: pinnedCounter(row) };
        return !offline || mayCallOffline(routed, counterId, serviceOf(row.service_id));
      });
      if (!candidate) {
        const waiting = this.deps.rows.waiting(counterId, day).length;
        if (offline && waiting > 0) {
          throw new DomainError(
            'unavailable',
            `Mất kết nối máy chủ: ${waiting} số đang chờ có thể được quầy khác gọi, nên chưa gọi được. Hãy thử lại khi có kết nối.`,
          );
        }
        throw new DomainError('not_found', 'Hiện không có ai đang chờ.');
      }
      const routed = { serviceId: candidate.service_id, pinnedCounterId: pinnedCounter(candidate) };
      if (!offline && needsClaim(routed, serviceOf(candidate.service_id))) {
        const outcome = await this.deps.claim(candidate.id, counterId);
        if (outcome === 'taken') {
          refused.add(candidate.id);
          continue;
        }
        if (outcome === 'offline') {
          offline = true;
          continue;
        }
      }
      const called = this.writeCall(counterId, candidate.id);
      if (called) return called;
      refused.add(candidate.id);
    }
    throw new DomainError('conflict', 'Các số đang chờ vừa được quầy khác gọi. Hãy bấm Gọi số tiếp theo lần nữa.');
  }

  /** Writes the call; null when the ticket stopped waiting meanwhile (a push from the server). */
  private writeCall(counterId: string, ticketId: string): TicketRow | null {
    return this.deps.db.transaction(() => {
      const officer = this.requireOfficer(counterId);
      this.assertNoOpen(counterId);
      const row = this.deps.rows.ticket(ticketId);
      if (!row || row.status !== 'waiting') return null;
      this.check(row, 'call');
      const calledAt = toVietnamIso(this.deps.now());
      this.tickets.markCalled(row.id, counterId, calledAt, officer.id, officer.agencyId);
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
      return this.deps.rows.ticket(row.id)!;
    })();
  }

  /** Calls the current ticket again: it stays called, and the citizen screen announces it again. */
  recall(counterId: string, ticketId?: string): TicketRow {
    return this.deps.db.transaction(() => {
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
  }

  start(counterId: string, ticketId?: string): TicketRow {
    return this.deps.db.transaction(() => {
      const officer = this.requireOfficer(counterId);
      const current = this.requireCurrent(counterId, ticketId);
      this.check(current, 'start');
      this.markStarted(counterId, current, officer, toVietnamIso(this.deps.now()));
      return this.deps.rows.ticket(current.id)!;
    })();
  }

  /**
   * Finishes the current ticket. A ticket still `called` (the officer did not press "Bắt đầu
   * phục vụ") is taken as served from the moment it was called.
   */
  finish(counterId: string, ticketId?: string, dossierCode?: string): TicketRow {
    return this.deps.db.transaction(() => {
      const officer = this.requireOfficer(counterId);
      let current = this.requireCurrent(counterId, ticketId);
      if (current.status === 'called') {
        this.markStarted(counterId, current, officer, current.called_at!);
        current = this.deps.rows.ticket(current.id)!;
      }
      this.check(current, 'finish');
      const finishedAt = toVietnamIso(this.deps.now());
      // The officer who finishes is the one who served: the ticket's rating is credited to them.
      this.tickets.markDone(current.id, finishedAt, officer.id, officer.agencyId);
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
        ...(dossierCode !== undefined && { dossierCode }),
      });
      return current;
    })();
  }

  noShow(counterId: string, ticketId?: string): void {
    this.deps.db.transaction(() => {
      const officer = this.requireOfficer(counterId);
      const current = this.requireCurrent(counterId, ticketId);
      this.check(current, 'noShow');
      const at = toVietnamIso(this.deps.now());
      this.tickets.markNoShow(current.id, at);
      this.deps.outbox.append({
        id: Outbox.newId(),
        type: 'ticket.no_show',
        occurredAt: at,
        ticketId: current.id,
        counterId,
        officerId: officer.id,
      });
    })();
  }

  /**
   * The ticket this counter marked `Vắng mặt` that may still be undone: the last one called
   * here, marked no-show less than NO_SHOW_UNDO_MS ago, and no other ticket called since.
   */
  undoableNoShow(counterId: string): { row: TicketRow; until: string } | null {
    const last = this.deps.rows.lastCalled(counterId);
    if (last?.status !== 'no_show' || last.finished_at === null) return null;
    const untilMs = instantMs(last.finished_at) + NO_SHOW_UNDO_MS;
    if (this.deps.now().getTime() >= untilMs) return null;
    return { row: last, until: toVietnamIso(new Date(untilMs)) };
  }

  undoNoShow(counterId: string, ticketId: string): TicketRow {
    return this.deps.db.transaction(() => {
      const officer = this.requireOfficer(counterId);
      const row = this.deps.rows.ticket(ticketId);
      if (!row) throw new DomainError('not_found', 'Không tìm thấy phiếu này.');
      this.check(row, 'undoNoShow');
      if (this.undoableNoShow(counterId)?.row.id !== ticketId) {
        throw new DomainError(
          'conflict',
          `Không thể hoàn tác vắng mặt số ${row.number}: chỉ hoàn tác được trong ${NO_SHOW_UNDO_MS / 1000} giây và trước khi gọi số khác.`,
        );
      }
      this.tickets.markWaitingAgain(ticketId);
      this.deps.outbox.append({
        id: Outbox.newId(),
        type: 'ticket.no_show_undone',
        occurredAt: toVietnamIso(this.deps.now()),
        ticketId,
        counterId,
        officerId: officer.id,
      });
      return { ...row, status: 'waiting' as const, called_at: null, finished_at: null };
    })();
  }

  /**
   * Sends the current ticket to another service, or to one counter of it. The citizen keeps the
   * number: a new waiting ticket with the same number and the original issue time is queued
   * (called ahead of anyone who came later) and uses none of the target's numbers. Without a
   * target counter it is unpinned: any counter serving the service may call it.
   */
  transfer(
    counterId: string,
    ticketId: string | undefined,
    toServiceId: string,
    toCounterId?: string,
  ): { newTicketId: string } {
    const newTicketId = Outbox.newId();
    this.deps.db.transaction(() => {
      this.requireOfficer(counterId);
      const current = this.requireCurrent(counterId, ticketId);
      const target = this.deps.store.service(toServiceId);
      if (!target) throw new DomainError('not_found', 'Không tìm thấy dịch vụ này.');
      if (toCounterId !== undefined && !target.counterIds.includes(toCounterId)) {
        throw new DomainError('conflict', `Quầy được chọn không phục vụ dịch vụ ${target.name}.`);
      }
      if (target.id === current.service_id && (toCounterId === undefined || toCounterId === counterId)) {
        throw new DomainError(
          'conflict',
          `Số ${current.number} đã thuộc dịch vụ ${target.name}; hãy chọn dịch vụ khác.`,
        );
      }
      this.check(current, 'transfer');
      const at = toVietnamIso(this.deps.now());
      const waits =
        !this.deps.online() &&
        waitsForConnection({ serviceId: target.id, pinnedCounterId: toCounterId ?? null }, counterId, target);
      this.tickets.markTransferred(current.id, at, newTicketId);
      this.tickets.insertTransferred({
        id: newTicketId,
        day: current.day,
        serviceId: target.id,
        counterId: toCounterId ?? null,
        pinned: toCounterId !== undefined,
        number: current.number,
        priority: current.priority,
        issuedAt: current.issued_at,
        transferredFrom: current.id,
        printed: current.printed === 1,
        waitsForConnection: waits,
      });
      this.deps.outbox.append({
        id: Outbox.newId(),
        type: 'ticket.transferred',
        occurredAt: at,
        ticketId: current.id,
        toServiceId: target.id,
        newTicketId,
        ...(toCounterId !== undefined && { toCounterId }),
      });
    })();
    return { newTicketId };
  }

  /** Cancels a waiting or called ticket (the citizen left, or a number was taken by mistake). */
  cancel(counterId: string, ticketId: string): void {
    this.deps.db.transaction(() => {
      this.requireOfficer(counterId);
      const row = this.deps.rows.ticket(ticketId);
      if (!row) throw new DomainError('not_found', 'Không tìm thấy phiếu này.');
      this.check(row, 'cancel');
      const at = toVietnamIso(this.deps.now());
      this.tickets.markCancelled(row.id, at);
      this.deps.outbox.append({ id: Outbox.newId(), type: 'ticket.cancelled', occurredAt: at, ticketId: row.id });
    })();
  }

  private requireOfficer(counterId: string): OfficerOnDuty {
    const officer = this.deps.duty.onDuty(counterId);
    if (!officer) {
      throw new DomainError('no_officer_on_duty', 'Quầy chưa có cán bộ đăng nhập. Hãy đăng nhập trên kiosk trước.');
    }
    return officer;
  }

  private assertNoOpen(counterId: string): void {
    const current = this.deps.rows.open(counterId);
    if (current) {
      throw new DomainError(
        'conflict',
        `Số ${current.number} vẫn đang ở quầy: hãy Hoàn thành, Chuyển hoặc đánh dấu Vắng mặt trước khi gọi số tiếp theo.`,
      );
    }
  }

  private requireCurrent(counterId: string, ticketId: string | undefined): TicketRow {
    const current = this.deps.rows.open(counterId);
    if (ticketId !== undefined && current?.id !== ticketId) {
      const row = this.deps.rows.ticket(ticketId);
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

  private markStarted(counterId: string, row: TicketRow, officer: OfficerOnDuty, startedAt: string): void {
    this.check(row, 'start');
    this.tickets.markServing(row.id, startedAt);
    this.deps.outbox.append({
      id: Outbox.newId(),
      type: 'ticket.started',
      occurredAt: startedAt,
      ticketId: row.id,
      counterId,
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
}
