import type { NotShownReason, PromptOutcome } from '../../../shared/domain/events.ts';
import { toVietnamIso } from '../../../shared/domain/vietnam-time.ts';
import type { OfficerOnDuty } from '../../../shared/contract/kiosk-state.ts';
import { Outbox } from '../outbox.ts';

/**
 * Records what happened to each finished ticket's rating prompt as events that sync: shown
 * (`rating.prompted`), then declined, timed out or not shown (`rating.prompt_outcome`). A
 * rating (`rating.submitted` with the ticket) is the fourth outcome and needs no event here.
 */
export class RatingFunnel {
  constructor(
    private readonly outbox: Outbox,
    private readonly now: () => Date,
  ) {}

  prompted(counterId: string, ticketId: string, officer: Pick<OfficerOnDuty, 'id' | 'agencyId'>): void {
    this.outbox.append({
      id: Outbox.newId(),
      type: 'rating.prompted',
      occurredAt: toVietnamIso(this.now()),
      ticketId,
      counterId,
      officerId: officer.id,
      agencyId: officer.agencyId,
    });
  }

  ended(counterId: string, ticketId: string, outcome: Exclude<PromptOutcome, 'not_shown'>): void {
    this.append(counterId, ticketId, outcome);
  }

  notShown(counterId: string, ticketId: string, reason: NotShownReason): void {
    this.append(counterId, ticketId, 'not_shown', reason);
  }

  private append(counterId: string, ticketId: string, outcome: PromptOutcome, reason?: NotShownReason): void {
    this.outbox.append({
      id: Outbox.newId(),
      type: 'rating.prompt_outcome',
      occurredAt: toVietnamIso(this.now()),
      ticketId,
      counterId,
      outcome,
      ...(reason !== undefined && { reason }),
    });
  }
}
