import type { KioskEvent } from '../../shared/domain/events.ts';
import type { Db } from '../db/database.ts';
import type { ServerSchema } from '../db/schema.ts';

type PromptRow = ServerSchema['rating_prompts'];

/**
 * Projects `rating.prompted` and `rating.prompt_outcome` (already checked by funnel-check.ts)
 * into one row per ticket: a prompt and its outcome may arrive in one batch or in two.
 */
export async function projectRatingPrompts(
  trx: Db,
  deviceId: string,
  stored: readonly { event: KioskEvent; ms: number }[],
): Promise<void> {
  const changes = new Map<string, Partial<PromptRow> & { counter_id: string }>();
  for (const { event, ms } of stored) {
    if (event.type !== 'rating.prompted' && event.type !== 'rating.prompt_outcome') continue;
    const change = changes.get(event.ticketId) ?? { counter_id: event.counterId };
    if (event.type === 'rating.prompted') {
      change.prompted_event_id = event.id;
      change.prompted_ms = ms;
    } else {
      change.outcome = event.outcome;
      change.reason = event.reason ?? null;
      change.outcome_event_id = event.id;
      change.outcome_ms = ms;
    }
    changes.set(event.ticketId, change);
  }
  if (changes.size === 0) return;
  const existing = new Set(
    (
      await trx
        .selectFrom('rating_prompts')
        .select('ticket_id')
        .where('ticket_id', 'in', [...changes.keys()])
        .execute()
    ).map((r) => r.ticket_id),
  );
  for (const [ticketId, change] of changes) {
    if (existing.has(ticketId)) {
      // The counter was fixed by the first event for the ticket (checked equal by funnel-check).
      const update: Partial<PromptRow> = { ...change };
      delete update.counter_id;
      await trx.updateTable('rating_prompts').set(update).where('ticket_id', '=', ticketId).execute();
    } else {
      await trx
        .insertInto('rating_prompts')
        .values({
          ticket_id: ticketId,
          device_id: deviceId,
          counter_id: change.counter_id,
          prompted_event_id: change.prompted_event_id ?? null,
          prompted_ms: change.prompted_ms ?? null,
          outcome: change.outcome ?? null,
          reason: change.reason ?? null,
          outcome_event_id: change.outcome_event_id ?? null,
          outcome_ms: change.outcome_ms ?? null,
        })
        .execute();
    }
  }
}
