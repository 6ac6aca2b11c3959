import type { SyncRejection } from '../../shared/contract/sync-protocol.ts';
import type { KioskEvent } from '../../shared/domain/events.ts';
import type { Db } from '../db/database.ts';
import type { TicketsBefore } from './tickets-before.ts';

interface Candidate {
  index: number;
  event: KioskEvent;
  ms: number;
}

/** A prompt shown more than this before its ticket was finished is not plausible (clock slack). */
const PROMPT_BEFORE_FINISH_SLACK_MS = 60_000;

interface FinishedTicket {
  counterId: string;
  officerId: string;
  ms: number;
  dossierCode: string | null;
}

interface PromptState {
  prompted: boolean;
  outcome: string | null;
}

async function inChunks<T>(values: readonly string[], read: (part: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < values.length; i += 250) out.push(...(await read(values.slice(i, i + 250))));
  return out;
}

/**
 * Plausibility of the funnel and dossier events, as an attacker holding a device token would
 * test it: a prompt or an outcome names a ticket finished at that counter (stored or earlier in
 * the batch), by the officer who finished it; one prompt and one outcome per ticket, none once
 * the ticket is rated; `not_shown` with a reason and no prompt, the others after a prompt and
 * without one. A rating's dossier code matches its ticket's and is rated once.
 */
export async function checkFunnelEvents<C extends Candidate>(
  trx: Db,
  fresh: C[],
  rejected: SyncRejection[],
  before: TicketsBefore,
): Promise<C[]> {
  const ticketIds = new Set<string>();
  const promptTickets = new Set<string>();
  const dossiers = new Set<string>();
  for (const { event } of fresh) {
    if (event.type === 'rating.prompted' || event.type === 'rating.prompt_outcome') {
      ticketIds.add(event.ticketId);
      promptTickets.add(event.ticketId);
    }
    if (event.type === 'rating.submitted') {
      if (event.ticketId) ticketIds.add(event.ticketId);
      if (event.dossierCode) dossiers.add(event.dossierCode);
    }
  }
  if (ticketIds.size === 0 && dossiers.size === 0) return fresh;
  const finished = new Map<string, FinishedTicket>();
  for (const id of ticketIds) {
    const served = before.served.get(id);
    if (served) finished.set(id, { ...served, ms: served.finishedMs });
  }
  const prompts = new Map<string, PromptState>();
  for (const row of await inChunks([...promptTickets], (part) =>
    trx
      .selectFrom('rating_prompts')
      .select(['ticket_id', 'prompted_ms', 'outcome'])
      .where('ticket_id', 'in', part)
      .execute(),
  )) {
    prompts.set(row.ticket_id, { prompted: row.prompted_ms !== null, outcome: row.outcome });
  }
  const rated = new Set([...ticketIds].filter((id) => before.ratings.has(id)));
  const ratedDossiers = new Set<string>();
  for (const dossier of [
    ...dossiers,
    ...[...finished.values()].flatMap((f) => (f.dossierCode ? [f.dossierCode] : [])),
  ]) {
    dossiers.add(dossier);
  }
  for (const row of await inChunks([...dossiers], (part) =>
    trx.selectFrom('ratings').select('dossier_code').where('dossier_code', 'in', part).execute(),
  )) {
    if (row.dossier_code) ratedDossiers.add(row.dossier_code);
  }

  return fresh.filter(({ event, index, ms }) => {
    const reject = (reason: string) => {
      rejected.push({ id: event.id, index, reason });
      return false;
    };
    switch (event.type) {
      case 'ticket.finished':
        if (!finished.has(event.ticketId)) {
          finished.set(event.ticketId, {
            counterId: event.counterId,
            officerId: event.officerId,
            ms,
            dossierCode: event.dossierCode ?? null,
          });
        }
        return true;
      case 'rating.prompted':
      case 'rating.prompt_outcome': {
        const ticket = finished.get(event.ticketId);
        if (!ticket)
          return reject(`Phiếu ${event.ticketId} chưa được hoàn thành trên máy chủ nên không thể có lời mời đánh giá.`);
        if (ticket.counterId !== event.counterId) {
          return reject(`Phiếu ${event.ticketId} được hoàn thành ở quầy khác, không phải quầy ${event.counterId}.`);
        }
        if (ms < ticket.ms - PROMPT_BEFORE_FINISH_SLACK_MS) {
          return reject(`Lời mời đánh giá phiếu ${event.ticketId} có thời điểm trước khi phiếu được hoàn thành.`);
        }
        const state = prompts.get(event.ticketId) ?? { prompted: false, outcome: null };
        if (state.outcome !== null || rated.has(event.ticketId)) {
          return reject(`Phiếu ${event.ticketId} đã có kết quả lời mời đánh giá; mỗi phiếu chỉ có một kết quả.`);
        }
        if (event.type === 'rating.prompted') {
          if (event.officerId !== ticket.officerId) {
            return reject(`Lời mời đánh giá phiếu ${event.ticketId} không ghi cho cán bộ đã hoàn thành phiếu.`);
          }
          if (state.prompted) return reject(`Phiếu ${event.ticketId} đã được mời đánh giá.`);
          prompts.set(event.ticketId, { prompted: true, outcome: null });
          return true;
        }
        if (event.outcome === 'not_shown') {
          if (event.reason === undefined) return reject('Kết quả "không hiển thị" phải kèm lý do.');
          if (state.prompted)
            return reject(`Phiếu ${event.ticketId} đã được mời đánh giá nên không thể "không hiển thị".`);
        } else {
          if (event.reason !== undefined) return reject('Chỉ kết quả "không hiển thị" mới kèm lý do.');
          if (!state.prompted) return reject(`Phiếu ${event.ticketId} chưa được mời đánh giá.`);
        }
        prompts.set(event.ticketId, { prompted: state.prompted, outcome: event.outcome });
        return true;
      }
      case 'rating.submitted': {
        const ticket = event.ticketId ? finished.get(event.ticketId) : undefined;
        if (event.dossierCode && ticket?.dossierCode && ticket.dossierCode !== event.dossierCode) {
          return reject(`Mã hồ sơ ${event.dossierCode} không phải mã hồ sơ của phiếu đã đánh giá.`);
        }
        const dossier = event.dossierCode ?? ticket?.dossierCode ?? null;
        if (dossier !== null) {
          if (ratedDossiers.has(dossier)) {
            return reject(`Hồ sơ ${dossier} đã được đánh giá; mỗi hồ sơ chỉ được đánh giá một lần.`);
          }
          ratedDossiers.add(dossier);
        }
        if (event.ticketId) rated.add(event.ticketId);
        return true;
      }
      default:
        return true;
    }
  });
}

/** The dossier code a stored rating carries: its own, or the one entered when its ticket was finished. */
export async function dossierOfTickets(trx: Db, ticketIds: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const row of await inChunks([...new Set(ticketIds)], (part) =>
    trx
      .selectFrom('tickets_served')
      .select(['ticket_id', 'dossier_code'])
      .where('ticket_id', 'in', part)
      .where('dossier_code', 'is not', null)
      .execute(),
  )) {
    if (row.dossier_code) out.set(row.ticket_id, row.dossier_code);
  }
  return out;
}
