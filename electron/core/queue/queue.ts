import type {
  OfficerTicketView,
  OfficerView,
  PrinterStatusView,
  PrintOutcome,
  QueueState,
  TicketView,
} from '../../../shared/contract/queue-channels.ts';
import type { ClaimOutcome, QueueTicketSnapshot } from '../../../shared/contract/queue-sync.ts';
import { DomainError } from '../../../shared/contract/result.ts';
import { numberingDay } from '../../../shared/domain/queue-numbering.ts';
import type { KioskRole } from '../../../shared/domain/queue-routing.ts';
import type { ConfigStore } from '../config-store.ts';
import type { Db } from '../database.ts';
import type { OfficerDuty } from '../officer-duty.ts';
import type { Outbox } from '../outbox.ts';
import { NumberLeases } from './number-leases.ts';
import { OfficerActions } from './officer-actions.ts';
import { RatingFunnel } from './rating-funnel.ts';
import type { QueuePrinter } from './printer-port.ts';
import type { QueueStore } from './queue-store.ts';
import { RatingWindow } from './rating-window.ts';
import { TicketIssuer } from './ticket-issuer.ts';
import { TicketPrinting } from './ticket-printing.ts';
import { TicketReplica } from './ticket-replica.ts';
import { TicketRows, type TicketRow } from './ticket-rows.ts';
import { TicketViews } from './ticket-views.ts';

export type { TicketRow } from './ticket-rows.ts';
export { ticketQrText } from './rating-token.ts';

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
  /** The kiosk's role and counter (settings); default a counter kiosk with no counter. */
  role?: () => KioskRole;
  counterId?: () => string | null;
  /** 'leased' once enrolled to a server; a lone kiosk numbers freely. */
  numbering?: () => 'leased' | 'free';
  online?: () => boolean;
  claim?: (ticketId: string, counterId: string) => Promise<ClaimOutcome>;
  /** A ticket was issued or transferred: send it to the server now, not at the next poll. */
  issued?: () => void;
  /** Hands the outbox to the server now; true when it was delivered (bounded wait, ~1.5 s). */
  deliverNow?: () => Promise<boolean>;
  /** false while no citizen screen is connected to this kiosk (the prompt cannot be shown). */
  citizenScreen?: () => boolean;
  /** The centre requires a dossier code before `Hoàn thành`. */
  dossierRequired?: () => boolean;
  /** The rating prompt also invites by voice on this kiosk. */
  ratingVoice?: () => boolean;
}

/** What the officer tells about the finish: the dossier code, and whether the citizen is still there. */
export interface FinishOptions {
  dossierCode?: string | undefined;
  /** The citizen already left (or was never at the counter): no prompt, recorded as not shown. */
  citizenAbsent?: boolean | undefined;
}

/**
 * The queue at the kiosk, put together from files that each do one thing: issuing
 * (ticket-issuer), the officer's state machine (officer-actions), printing (ticket-printing),
 * read views (ticket-rows, ticket-views), the rating window (rating-window) and the replica of
 * other kiosks' tickets (ticket-replica).
 */
export class Queue {
  readonly leases: NumberLeases;
  private readonly rows: TicketRows;
  private readonly views: TicketViews;
  private readonly issuer: TicketIssuer;
  private readonly actions: OfficerActions;
  private readonly printing: TicketPrinting;
  private readonly ratings: RatingWindow;
  private readonly funnel: RatingFunnel;
  private readonly replica: TicketReplica;

  constructor(private readonly deps: QueueDeps) {
    const { db, config, store, outbox, now } = deps;
    const online = deps.online ?? (() => true);
    this.rows = new TicketRows(db, store);
    this.views = new TicketViews(config, store, this.rows);
    this.leases = new NumberLeases(db);
    this.issuer = new TicketIssuer({
      db,
      store,
      rows: this.rows,
      outbox,
      leases: this.leases,
      now,
      role: deps.role ?? (() => 'counter'),
      counterId: deps.counterId ?? (() => null),
      numbering: deps.numbering ?? (() => 'free'),
    });
    this.actions = new OfficerActions({
      db,
      config,
      store,
      rows: this.rows,
      duty: deps.duty,
      outbox,
      now,
      claim: deps.claim ?? (() => Promise.resolve('not_enrolled')),
      online,
    });
    this.printing = new TicketPrinting(db, config, deps.printer, deps.changed);
    this.funnel = new RatingFunnel(outbox, now);
    this.ratings = new RatingWindow(db, now, deps.changed, (counterId, ticketId) =>
      this.funnel.ended(counterId, ticketId, 'timed_out'),
    );
    // Windows that passed while the kiosk was off end as timed out now.
    this.ratings.expireDue();
    this.replica = new TicketReplica(db);
  }

  ticket(id: string): TicketRow | null {
    return this.rows.ticket(id);
  }

  // ── Citizen ──────────────────────────────────────────────────────────────────────────

  /**
   * Issues a number and commits it, then prints. A failed print never undoes the ticket: it is
   * shown on screen with its QR and offered for reprint in the officer console.
   */
  async takeNumber(serviceId: string, priorityCode?: string): Promise<TicketView> {
    let row = this.issue(serviceId, priorityCode);
    this.deps.changed();
    // A ticket only the server can bring to its counter: say so honestly if it could not be handed over.
    if (this.issuer.dependsOnServer(row) && !(await (this.deps.deliverNow?.() ?? Promise.resolve(true)))) {
      this.issuer.markWaitingForConnection(row.id);
      row = this.rows.ticket(row.id)!;
    }
    const view = this.views.citizen(row);
    const outcome = await this.printing.print(row.id, row.printed === 1, view);
    return { ...view, ...outcome };
  }

  /** The synchronous half of takeNumber: numbering, the row and its event. */
  issue(serviceId: string, priorityCode?: string): TicketRow {
    const row = this.issuer.issue(serviceId, priorityCode);
    this.deps.issued?.();
    return row;
  }

  async reprint(ticketId: string): Promise<PrintOutcome> {
    const row = this.rows.ticket(ticketId);
    if (!row) throw new DomainError('not_found', 'Không tìm thấy phiếu này.');
    if (row.status !== 'waiting' && row.status !== 'called') {
      throw new DomainError('conflict', `Số ${row.number} đã được phục vụ xong, không cần in lại.`);
    }
    return this.printing.print(row.id, row.printed === 1, this.views.citizen(row));
  }

  /** Asks the printer for its state (at start-up, and from the officer console). */
  refreshPrinter(): Promise<PrinterStatusView> {
    return this.printing.refresh();
  }

  // ── Officer ──────────────────────────────────────────────────────────────────────────

  async callNext(counterId: string): Promise<OfficerTicketView> {
    const row = await this.actions.callNext(counterId);
    this.deps.changed();
    this.deps.issued?.();
    return this.views.officer(row);
  }

  recall(counterId: string, ticketId?: string): OfficerTicketView {
    return this.after(this.views.officer(this.actions.recall(counterId, ticketId)));
  }

  start(counterId: string, ticketId?: string): OfficerTicketView {
    return this.after(this.views.officer(this.actions.start(counterId, ticketId)));
  }

  /**
   * Finishes the current ticket and asks the citizen to rate it, recording the prompt (or why
   * it was not shown) in the same transaction as the finish.
   */
  finish(counterId: string, ticketId?: string, options: FinishOptions = {}): void {
    const dossierCode = options.dossierCode;
    if (dossierCode === undefined && (this.deps.dossierRequired?.() ?? false)) {
      throw new DomainError('invalid_input', 'Trung tâm yêu cầu nhập mã hồ sơ trước khi hoàn thành.');
    }
    this.deps.db.transaction(() => {
      const finished = this.actions.finish(counterId, ticketId, dossierCode);
      const reason = options.citizenAbsent
        ? 'citizen_absent'
        : !(this.deps.citizenScreen?.() ?? true) || (this.deps.role?.() ?? 'counter') !== 'counter'
          ? 'no_screen'
          : this.ratings.live(counterId)
            ? 'screen_busy'
            : null;
      if (reason !== null) {
        this.funnel.notShown(counterId, finished.id, reason);
        return;
      }
      const officer = this.deps.duty.onDuty(counterId)!;
      this.funnel.prompted(counterId, finished.id, officer);
      this.ratings.open(
        counterId,
        { id: finished.id, number: finished.number, ...(dossierCode !== undefined && { dossierCode }) },
        this.deps.store.options().ratingWindowSeconds * 1000,
      );
    })();
    this.after(null);
  }

  /** The citizen tapped `Bỏ qua` on the rating screen: the prompt ends as declined. */
  declineRating(counterId: string, ticketId: string): void {
    this.deps.db.transaction(() => {
      if (!this.ratings.received(counterId, ticketId)) {
        throw new DomainError('conflict', 'Phiếu này không còn chờ đánh giá.');
      }
      this.funnel.ended(counterId, ticketId, 'declined');
    })();
    this.after(null);
  }

  noShow(counterId: string, ticketId?: string): void {
    this.actions.noShow(counterId, ticketId);
    this.after(null);
  }

  undoNoShow(counterId: string, ticketId: string): void {
    this.actions.undoNoShow(counterId, ticketId);
    this.after(null);
  }

  transfer(
    counterId: string,
    ticketId: string | undefined,
    toServiceId: string,
    toCounterId?: string,
  ): { newTicketId: string } {
    const result = this.actions.transfer(counterId, ticketId, toServiceId, toCounterId);
    this.deps.issued?.();
    return this.after(result);
  }

  cancel(counterId: string, ticketId: string): void {
    this.actions.cancel(counterId, ticketId);
    this.after(null);
  }

  /** Applies queue changes pushed by the server; publishes when anything changed. */
  applyPushed(snapshots: readonly QueueTicketSnapshot[]): number {
    const changed = this.replica.apply(snapshots);
    if (changed > 0) this.deps.changed();
    return changed;
  }

  officerView(counterId: string | null): OfficerView {
    const counter = counterId ? this.deps.config.counter(counterId) : null;
    const printer = this.printing.current();
    if (!counterId || !counter) {
      return {
        counterName: null,
        officer: null,
        current: null,
        waiting: [],
        transferTargets: [],
        printer,
        unprinted: [],
        servedToday: 0,
        undoNoShow: null,
      };
    }
    const day = numberingDay(this.deps.now());
    const current = this.rows.open(counterId);
    const order = this.rows.callOrder(counterId, day);
    const waiting = order.map((row) => this.views.officer(row));
    const counters = new Map(this.deps.config.counters().map((c) => [c.id, c]));
    // Only this kiosk's own tickets can be reprinted here; a replica's paper came out elsewhere.
    const ownUnprinted = new Set(order.filter((r) => r.origin_device === null && r.printed === 0).map((r) => r.id));
    return {
      counterName: counter.name,
      officer: this.deps.duty.onDuty(counterId),
      current: current ? this.views.officer(current) : null,
      waiting,
      transferTargets: this.deps.store.allServices().map((s) => ({
        serviceId: s.id,
        serviceName: s.name,
        counterName: s.counterIds.map((id) => counters.get(id)?.name ?? id).join(', '),
      })),
      printer,
      unprinted: this.printing.hasPrinter ? waiting.filter((t) => ownUnprinted.has(t.ticketId)) : [],
      servedToday: this.rows.servedToday(counterId, day),
      undoNoShow: this.undoNoShowView(counterId),
    };
  }

  private undoNoShowView(counterId: string): OfficerView['undoNoShow'] {
    const undoable = this.actions.undoableNoShow(counterId);
    return undoable && { ticketId: undoable.row.id, number: undoable.row.number, until: undoable.until };
  }

  /** The queue's part of KioskState for the kiosk at `counterId`. */
  state(counterId: string | null): QueueState {
    const options = this.deps.store.options();
    const role = this.deps.role?.() ?? 'counter';
    const services = role === 'entrance' || counterId ? this.issuer.services() : [];
    return {
      role,
      services: services.map((s) => ({ id: s.id, name: s.name })),
      priorities: this.deps.store.priorities().map((p) => ({ code: p.code, label: p.label })),
      printer: this.printing.current(),
      lastCall: (counterId && this.actions.lastCalls.get(counterId)) || null,
      serving: this.servingNumber(counterId, role),
      ratingRequest: counterId && role === 'counter' ? this.ratings.live(counterId) : null,
      ticketDisplaySeconds: options.ticketDisplaySeconds,
      dossierRequired: this.deps.dossierRequired?.() ?? false,
      ratingVoice: this.deps.ratingVoice?.() ?? true,
    };
  }

  /** The number called or being served at this counter, for the idle screen (none at the entrance). */
  private servingNumber(counterId: string | null, role: 'counter' | 'entrance'): string | null {
    if (!counterId || role !== 'counter') return null;
    return this.rows.open(counterId)?.number ?? null;
  }

  /** The ticket the citizen at this counter is being asked to rate, if the window is open. */
  pendingRating(counterId: string): string | undefined {
    // On the rating tap's path: read the one in-memory entry, not the whole queue state.
    return this.ratings.live(counterId)?.ticketId;
  }

  /** A rating may carry only a finished ticket's id. */
  assertRatable(ticketId: string): void {
    const row = this.rows.ticket(ticketId);
    if (!row) throw new DomainError('not_found', 'Không tìm thấy phiếu cần đánh giá.');
    if (row.status !== 'done') {
      throw new DomainError('conflict', `Số ${row.number} chưa được phục vụ xong nên chưa thể đánh giá.`);
    }
  }

  /** The dossier code entered for the ticket being rated at this counter (the rating carries it). */
  ratingDossier(counterId: string, ticketId: string): string | undefined {
    return this.ratings.dossierCode(counterId, ticketId);
  }

  /** The rating for the requested ticket arrived: the citizen screen leaves rating mode. */
  ratingReceived(counterId: string, ticketId: string): void {
    this.ratings.received(counterId, ticketId);
  }

  /** The console assigned another printer (or none): tickets go there from the next one on. */
  replacePrinter(printer: QueuePrinter | null): void {
    this.printing.replace(printer);
  }

  close(): void {
    this.ratings.close();
  }

  private after<T>(value: T): T {
    this.deps.changed();
    return value;
  }
}
