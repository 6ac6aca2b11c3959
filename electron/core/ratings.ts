import { DomainError } from '../../shared/contract/result.ts';
import { RATED_BY_PHONE_MESSAGE } from '../../shared/domain/phone-rating.ts';
import { toVietnamIso } from '../../shared/domain/vietnam-time.ts';
import type { ConfigStore } from './config-store.ts';
import { cachedStatement, type Db } from './database.ts';
import type { OfficerDuty } from './officer-duty.ts';
import { Outbox } from './outbox.ts';

export interface SubmitRating {
  counterId: string;
  level: string;
  ticketId?: string | undefined;
  /** The dossier code the officer entered for the ticket; the rating carries it. */
  dossierCode?: string | undefined;
  /** Minimum gap between walk-up presses; closer presses are kept with a misuse flag. */
  walkUpIntervalMs: number;
  /** More than `presses` walk-up presses at the counter within `windowMs` are flagged too. */
  burst?: { presses: number; windowMs: number } | undefined;
}

interface RatedTicket {
  number: string;
  status: string;
  officer_id: string | null;
  agency_id: string | null;
  finished_at: string | null;
}

interface Attribution {
  officerId: string;
  agencyId: string;
}

/**
 * Records ratings. A ticket's rating is credited to the officer who finished (served) that
 * ticket and the agency recorded with the finish, and only within the rating window; a walk-up
 * rating goes to the officer on duty at the counter and that officer's agency at this moment.
 * A walk-up press is never dropped, only flagged.
 */
export class Ratings {
  private readonly insertRating;
  private readonly lastWalkUp;
  private readonly walkUpsSince;

  constructor(
    private readonly db: Db,
    private readonly config: ConfigStore,
    private readonly duty: OfficerDuty,
    private readonly outbox: Outbox,
    private readonly now: () => Date,
    /** How long after its finish a ticket may be rated (the queue's rating window). */
    private readonly ratingWindowMs: () => number,
  ) {
    this.insertRating = db.prepare(
      `INSERT INTO ratings (id, occurred_at, officer_id, agency_id, counter_id, ticket_id, level, misuse)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // Only presses up to now: after the clock is set back, a press stamped "in the future"
    // must not make every new press look too close to it.
    this.lastWalkUp = db.prepare<[string, string], { occurred_at: string }>(
      `SELECT occurred_at FROM ratings WHERE counter_id = ? AND ticket_id IS NULL AND occurred_at <= ?
        ORDER BY occurred_at DESC LIMIT 1`,
    );
    // Compared as instants: occurred_at strings share one offset (Vietnam time) on a kiosk.
    this.walkUpsSince = db.prepare<[string, string, string], { n: number }>(
      `SELECT count(*) AS n FROM ratings WHERE counter_id = ? AND ticket_id IS NULL AND occurred_at > ? AND occurred_at <= ?`,
    );
  }

  submit(input: SubmitRating): { ratingId: string; misuse: boolean } {
    const level = this.config.ratingLevels().find((l) => l.code === input.level);
    if (!level) throw new DomainError('unknown_level', 'Mức đánh giá này không có trong thang đánh giá của Trung tâm.');
    const instant = this.now();
    const occurredAt = toVietnamIso(instant);
    const id = Outbox.newId();
    let misuse = false;
    this.db.transaction(() => {
      let officer: Attribution;
      if (input.ticketId === undefined) {
        officer = this.officerOnDuty(input.counterId);
        const last = this.lastWalkUp.get(input.counterId, occurredAt);
        misuse = last !== undefined && instant.getTime() - Date.parse(last.occurred_at) < input.walkUpIntervalMs;
        if (!misuse && input.burst) {
          const since = toVietnamIso(new Date(instant.getTime() - input.burst.windowMs));
          misuse = this.walkUpsSince.get(input.counterId, since, occurredAt)!.n >= input.burst.presses;
        }
      } else {
        officer = this.ticketServer(input.ticketId, instant.getTime(), this.ratingWindowMs());
      }
      this.insertRating.run(
        id,
        occurredAt,
        officer.officerId,
        officer.agencyId,
        input.counterId,
        input.ticketId ?? null,
        level.code,
        misuse ? 1 : 0,
      );
      this.outbox.append({
        id,
        type: 'rating.submitted',
        occurredAt,
        officerId: officer.officerId,
        agencyId: officer.agencyId,
        counterId: input.counterId,
        ...(input.ticketId !== undefined && { ticketId: input.ticketId }),
        level: level.code,
        ...(misuse && { misuse }),
        ...(input.dossierCode !== undefined && { dossierCode: input.dossierCode }),
      });
    })();
    return { ratingId: id, misuse };
  }

  private officerOnDuty(counterId: string): Attribution {
    const officer = this.duty.onDuty(counterId);
    if (!officer) {
      throw new DomainError('no_officer_on_duty', 'Quầy chưa có cán bộ đăng nhập nên chưa thể ghi nhận đánh giá.');
    }
    return { officerId: officer.id, agencyId: officer.agencyId };
  }

  /** The officer who finished the ticket, if it may still be rated now. */
  private ticketServer(ticketId: string, nowMs: number, windowMs: number): Attribution {
    if (cachedStatement(this.db, 'SELECT 1 FROM ratings WHERE ticket_id = ?').get(ticketId)) {
      throw new DomainError('already_rated', 'Phiếu này đã được đánh giá. Mỗi phiếu chỉ được đánh giá một lần.');
    }
    if (cachedStatement(this.db, 'SELECT 1 FROM tickets_rated_elsewhere WHERE ticket_id = ?').get(ticketId)) {
      throw new DomainError('already_rated', RATED_BY_PHONE_MESSAGE);
    }
    const ticket = cachedStatement<[string], RatedTicket>(
      this.db,
      'SELECT number, status, officer_id, agency_id, finished_at FROM tickets WHERE id = ?',
    ).get(ticketId);
    if (!ticket) throw new DomainError('not_found', 'Không tìm thấy phiếu cần đánh giá.');
    if (ticket.status !== 'done' || !ticket.officer_id || !ticket.agency_id || !ticket.finished_at) {
      throw new DomainError('conflict', `Số ${ticket.number} chưa được phục vụ xong nên chưa thể đánh giá.`);
    }
    if (nowMs - Date.parse(ticket.finished_at) >= windowMs) {
      throw new DomainError(
        'conflict',
        `Đã hết thời gian đánh giá cho số ${ticket.number}. Ông/bà vẫn có thể đánh giá chung tại quầy.`,
      );
    }
    return { officerId: ticket.officer_id, agencyId: ticket.agency_id };
  }

  addReasons(ratingId: string, reasons: readonly string[]): void {
    const known = new Set(this.config.ratingReasons().map((r) => r.code));
    const unknown = reasons.find((code) => !known.has(code));
    if (unknown !== undefined) throw new DomainError('invalid_input', 'Lý do được chọn không có trong danh sách.');
    const unique = [...new Set(reasons)];
    this.db.transaction(() => {
      const rating = this.db
        .prepare<[string], { reasons: string | null; level: string }>('SELECT reasons, level FROM ratings WHERE id = ?')
        .get(ratingId);
      if (!rating) throw new DomainError('not_found', 'Không tìm thấy lượt đánh giá.');
      if (rating.reasons !== null) throw new DomainError('conflict', 'Lượt đánh giá này đã có lý do.');
      // Reasons explain a low level only; a Tốt carrying "Thái độ chưa tốt" would mislead the reports.
      if (!this.config.ratingLevels().find((l) => l.code === rating.level)?.low) {
        throw new DomainError('conflict', 'Chỉ ghi nhận lý do cho mức đánh giá chưa hài lòng.');
      }
      this.db.prepare('UPDATE ratings SET reasons = ? WHERE id = ?').run(JSON.stringify(unique), ratingId);
      this.outbox.append({
        id: Outbox.newId(),
        type: 'rating.reasons_added',
        occurredAt: toVietnamIso(this.now()),
        ratingId,
        reasons: unique,
      });
    })();
  }
}
