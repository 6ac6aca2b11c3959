import type { KioskApi } from '../../../shared/contract/dispatch.ts';
import type { OfficerTicketView } from '../../../shared/contract/queue-channels.ts';
import type { Result } from '../../../shared/contract/result.ts';

/** What the officer adds to a finish: the dossier code, and that the citizen has already left. */
export interface FinishExtras {
  dossierCode?: string;
  citizenAbsent?: boolean;
}

/**
 * The officer's one key per citizen (issue 10): finishes the ticket at the counter — which puts
 * the rating screen in front of that citizen — then calls the next number. Resolves to the
 * ticket called, `null` when nobody is waiting, or the first error (then nothing more is done).
 */
export async function finishAndCallNext(
  invoke: KioskApi['invoke'],
  ticketId: string,
  extras: FinishExtras = {},
): Promise<Result<OfficerTicketView | null>> {
  const finished = await invoke('queue:finish', { ticketId, ...extras });
  if (!finished.ok) return finished;
  const view = await invoke('queue:officerView', {});
  if (view.ok && view.value.waiting.length === 0) return { ok: true, value: null };
  return invoke('queue:callNext', {});
}
