import { DomainError } from '../../shared/contract/result.ts';
import { RATED_BY_PHONE_MESSAGE } from '../../shared/domain/phone-rating.ts';
import { toVietnamIso } from '../../shared/domain/vietnam-time.ts';
import type { ConfigStore } from './config-store.ts';
import type { Db } from './database.ts';
import { openKioskData } from './data/index.ts';
import type { RatingsData } from './data/ratings.ts';
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
  private readonly rows: RatingsData;

  constructor(
    private readonly db: Db,
    private readonly config: ConfigStore,
    private readonly duty: OfficerDuty,
    private readonly outbox: Outbox,
    private readonly now: () => Date,
    /** How long after its finish a ticket may be rated (the queue's rating window). */
    private readonly ratingWindowMs: () => number,
  ) {
    this.rows = openKioskData(db).ratings;
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
        // Only presses up to now: after the clock is set back, a press stamped "in the future"
        // must not make every new press look too close to it.
        const last = this.rows.lastWalkUpAt(input.counterId, occurredAt);
        misuse = last !== null && instant.getTime() - Date.parse(last) < input.walkUpIntervalMs;
        if (!misuse && input.burst) {
          const since = toVietnamIso(new Date(instant.getTime() - input.burst.windowMs));
          misuse = this.rows.walkUpsBetween(input.counterId, since, occurredAt) >= input.burst.presses;
        }
      } else {
        officer = this.ticketServer(input.ticketId, instant.getTime(), this.ratingWindowMs());
      }
      this.rows.insert({
        id,
        occurredAt,
        officerId: officer.officerId,
        agencyId: officer.agencyId,
        counterId: input.counterId,
        ticketId: input.ticketId ?? null,
        level: level.code,
        misuse,
      });
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
    if (this.rows.ticketRated(ticketId)) {
      throw new DomainError('already_rated', 'Phiếu này đã được đánh giá. Mỗi phiếu chỉ được đánh giá một lần.');
    }
    if (this.rows.ticketRatedElsewhere(ticketId)) {
      throw new DomainError('already_rated', RATED_BY_PHONE_MESSAGE);
    }
    const ticket = this.rows.ratedTicket(ticketId);
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
      const rating = this.rows.levelAndReasons(ratingId);
      if (!rating) throw new DomainError('not_found', 'Không tìm thấy lượt đánh giá.');
      if (rating.reasons !== null) throw new DomainError('conflict', 'Lượt đánh giá này đã có lý do.');
      // Reasons explain a low level only; a Tốt carrying "Thái độ chưa tốt" would mislead the reports.
      if (!this.config.ratingLevels().find((l) => l.code === rating.level)?.low) {
        throw new DomainError('conflict', 'Chỉ ghi nhận lý do cho mức đánh giá chưa hài lòng.');
      }
      this.rows.setReasons(ratingId, JSON.stringify(unique));
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
