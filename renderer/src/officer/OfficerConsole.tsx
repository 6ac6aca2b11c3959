import { useCallback, useEffect, useRef, useState } from 'react';
import type { OfficerTicketView, OfficerView, PrinterState } from '../../../shared/contract/queue-channels.ts';
import type { Result } from '../../../shared/contract/result.ts';
import { formatTimeVi } from '../../../shared/domain/vietnam-time.ts';
import { useKiosk } from '../store/kiosk-context.ts';
import { DossierCodeSchema } from '../../../shared/domain/events.ts';
import { FinishDetails, type FinishDetailsValue } from './FinishDetails.tsx';
import { finishAndCallNext, type FinishExtras } from './finish-and-next.ts';
import { ACTION_LABELS, FINISH_AND_NEXT_LABEL, KEYPAD_LEGEND, keypadAction, type OfficerAction } from './keypad.ts';
import { OfficerLockNotice } from './OfficerLockNotice.tsx';
import { UndoNoShow } from './UndoNoShow.tsx';
import './officer.css';

const NO_DETAILS: FinishDetailsValue = { dossierCode: '', citizenAbsent: false };

type Message = { kind: 'error' | 'notice'; text: string } | null;

/** Printer states in which tickets are not coming out. */
function printerDown(state: PrinterState): boolean {
  return state === 'offline' || state === 'paper_out' || state === 'cover_open';
}

const time = (iso: string | null): string => (iso ? formatTimeVi(new Date(iso)) : '');

/**
 * The officer's console (second window in Electron, /officer in the browser host): the
 * waiting list, the ticket at the counter, the actions, and the printer alert. It never shows
 * ratings: the officer must not see the rating a citizen gave.
 */
export function OfficerConsole() {
  const invoke = useKiosk((s) => s.invoke);
  const revision = useKiosk((s) => s.kiosk?.revision ?? -1);
  const [view, setView] = useState<OfficerView | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const [transferOpen, setTransferOpen] = useState(false);
  const busy = useRef(false);
  const [pending, setPending] = useState(false);

  const refresh = useCallback(async (): Promise<void> => {
    const result = await invoke('queue:officerView', {});
    if (result.ok) setView(result.value);
  }, [invoke]);

  // Every change in the kiosk (a number taken, a call, the printer) bumps the revision.
  useEffect(() => {
    let live = true;
    void invoke('queue:officerView', {}).then((result) => {
      if (live && result.ok) setView(result.value);
    });
    return () => {
      live = false;
    };
  }, [revision, invoke]);

  const current = view?.current ?? null;
  const dossierRequired = useKiosk((s) => s.kiosk?.queue.dossierRequired ?? false);
  const dossierInput = useRef<HTMLInputElement | null>(null);
  // What the officer typed belongs to the ticket at the counter: a new ticket starts empty.
  const currentId = current?.ticketId ?? null;
  const [draft, setDraft] = useState<{ ticketId: string | null; value: FinishDetailsValue }>({
    ticketId: null,
    value: NO_DETAILS,
  });
  const details = draft.ticketId === currentId ? draft.value : NO_DETAILS;
  const setDetails = useCallback((value: FinishDetailsValue) => setDraft({ ticketId: currentId, value }), [currentId]);

  const act = useCallback(
    async (run: () => Promise<Result<unknown>>, done: (value: unknown) => string) => {
      if (busy.current) return;
      busy.current = true;
      setPending(true);
      try {
        const result = await run();
        setMessage(
          result.ok ? { kind: 'notice', text: done(result.value) } : { kind: 'error', text: result.error.message },
        );
        if (result.ok) setTransferOpen(false);
      } finally {
        busy.current = false;
        setPending(false);
        await refresh();
      }
    },
    [refresh],
  );

  /** The dossier code and presence for queue:finish, or null after telling the officer what is missing. */
  const finishExtras = useCallback((): FinishExtras | null => {
    const typed = details.dossierCode.trim();
    if (typed === '' && dossierRequired) {
      setMessage({ kind: 'error', text: 'Trung tâm yêu cầu nhập mã hồ sơ trước khi hoàn thành.' });
      dossierInput.current?.focus();
      return null;
    }
    const code = typed === '' ? null : DossierCodeSchema.safeParse(typed);
    if (code && !code.success) {
      setMessage({ kind: 'error', text: code.error.issues[0]?.message ?? 'Mã hồ sơ không hợp lệ.' });
      dossierInput.current?.focus();
      return null;
    }
    return {
      ...(code?.success && { dossierCode: code.data }),
      ...(details.citizenAbsent && { citizenAbsent: true }),
    };
  }, [details, dossierRequired]);

  const perform = useCallback(
    (action: OfficerAction): void => {
      const ticketId = current?.ticketId;
      const guard = ticketId === undefined ? {} : { ticketId };
      switch (action) {
        case 'callNext': {
          // The closure's view can trail the kiosk by a render under load, so the kiosk's own state
          // decides: with a citizen at the counter the key finishes them (they are asked to rate)
          // and calls the next; otherwise it calls the next.
          const extras = current ? finishExtras() : {};
          if (!extras) break;
          void act(
            async () => {
              const fresh = await invoke('queue:officerView', {});
              const atCounter = fresh.ok ? fresh.value.current : current;
              if (!atCounter) {
                const called = await invoke('queue:callNext', {});
                return called.ok ? { ok: true, value: { finished: null, called: called.value } } : called;
              }
              const sameTicket = atCounter.ticketId === current?.ticketId;
              const next = await finishAndCallNext(invoke, atCounter.ticketId, sameTicket ? extras : {});
              return next.ok ? { ok: true, value: { finished: atCounter.number, called: next.value } } : next;
            },
            (v) => {
              const { finished, called } = v as { finished: string | null; called: OfficerTicketView | null };
              if (finished === null) return `Đã gọi số ${called?.number ?? ''}.`;
              return called === null
                ? `Đã hoàn thành số ${finished}. Không còn ai đang chờ.`
                : `Đã hoàn thành số ${finished} và gọi số ${called.number}.`;
            },
          );
          break;
        }
        case 'recall':
          void act(
            () => invoke('queue:recall', guard),
            (v) => `Đã gọi lại số ${(v as OfficerTicketView).number}.`,
          );
          break;
        case 'start':
          void act(
            () => invoke('queue:start', guard),
            (v) => `Bắt đầu phục vụ số ${(v as OfficerTicketView).number}.`,
          );
          break;
        case 'noShow':
          void act(
            () => invoke('queue:noShow', guard),
            () => `Số ${current?.number ?? ''} vắng mặt.`,
          );
          break;
        case 'finish': {
          const extras = finishExtras();
          if (!extras) break;
          void act(
            () => invoke('queue:finish', { ...guard, ...extras }),
            () =>
              extras.citizenAbsent
                ? `Đã hoàn thành số ${current?.number ?? ''}. Công dân không còn ở quầy nên không mời đánh giá.`
                : `Đã hoàn thành số ${current?.number ?? ''}. Màn hình công dân đang mời đánh giá.`,
          );
          break;
        }
        case 'transfer':
          setTransferOpen((open) => !open);
          break;
      }
    },
    [act, invoke, current, finishExtras],
  );

  const targets = (view?.transferTargets ?? []).filter((t) => t.serviceId !== current?.serviceId);
  const transferTo = useCallback(
    (serviceId: string, name: string): void => {
      void act(
        () =>
          invoke(
            'queue:transfer',
            current ? { ticketId: current.ticketId, toServiceId: serviceId } : { toServiceId: serviceId },
          ),
        () => `Đã chuyển số ${current?.number ?? ''} sang ${name}.`,
      );
    },
    [act, invoke, current],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      // Typing a dossier code (or a scanner typing it) must not trigger the keypad shortcuts.
      if (event.target instanceof HTMLInputElement) return;
      if (transferOpen) {
        const index = /^[1-9]$/.test(event.key) ? Number(event.key) - 1 : -1;
        const target = targets[index];
        if (target) {
          event.preventDefault();
          transferTo(target.serviceId, target.serviceName);
          return;
        }
        if (event.key === 'Escape') {
          event.preventDefault();
          setTransferOpen(false);
          return;
        }
      }
      const action = keypadAction(event);
      // While the transfer choice is open only its own keys act.
      if (!action || (transferOpen && action !== 'transfer')) return;
      // Enter on a focused button would click it as well: the shortcut alone acts.
      event.preventDefault();
      perform(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [perform, transferOpen, targets, transferTo]);

  const onDuty = view?.officer ?? null;
  const called = current?.status === 'called';
  const atCounter = current !== null;
  const disabled = (action: OfficerAction): boolean => {
    if (pending || !onDuty) return true;
    switch (action) {
      case 'callNext':
        return !atCounter && (view?.waiting.length ?? 0) === 0;
      case 'recall':
      case 'noShow':
      case 'start':
        return !called;
      case 'transfer':
        return !atCounter || targets.length === 0;
      case 'finish':
        return !atCounter;
    }
  };

  return (
    <main className="officer" data-screen="officer">
      <header className="officer__header">
        <div>
          <p className="officer__title">Bàn điều khiển quầy</p>
          <p className="officer__counter">{view?.counterName ?? 'Kiosk chưa được gán quầy'}</p>
        </div>
        <div className="officer__who">
          {onDuty ? (
            <>
              <p className="officer__name">{onDuty.fullName}</p>
              <p className="officer__agency">{onDuty.agencyName}</p>
            </>
          ) : (
            <p className="officer__name officer__name--empty">Chưa có cán bộ đăng nhập: hãy đăng nhập trên kiosk.</p>
          )}
        </div>
        <p className="officer__served">
          Đã phục vụ hôm nay: <strong>{view?.servedToday ?? 0}</strong>
        </p>
      </header>

      {view && <PrinterAlert view={view} onRefresh={refresh} />}
      <OfficerLockNotice />

      <div className="officer__body">
        <section className="officer__current" aria-labelledby="officer-current-title">
          {/* The outcome of the last action sits beside the title: always in view, never below the fold. */}
          <div className="officer__current-head">
            <h2 id="officer-current-title" className="officer__section-title">
              Số đang ở quầy
            </h2>
            <p
              className={`message officer__message ${message?.kind === 'error' ? 'message--error' : 'message--notice'}`}
              role="status"
            >
              {message?.text}
            </p>
          </div>
          <CurrentTicket ticket={current} />
          {atCounter && (
            <FinishDetails
              value={details}
              onChange={setDetails}
              required={dossierRequired}
              disabled={pending || !onDuty}
              inputRef={dossierInput}
            />
          )}
          <div className="officer__actions">
            {(['callNext', 'recall', 'start', 'noShow', 'transfer', 'finish'] as const).map((action) => (
              <button
                key={action}
                type="button"
                className={`button officer-action officer-action--${action} ${
                  action === 'callNext' || action === 'finish' ? 'button--primary' : 'button--secondary'
                }`}
                aria-expanded={action === 'transfer' ? transferOpen : undefined}
                disabled={disabled(action)}
                onClick={() => perform(action)}
              >
                {action === 'callNext' && atCounter ? FINISH_AND_NEXT_LABEL : ACTION_LABELS[action]}
              </button>
            ))}
          </div>
          <UndoNoShow
            undo={view?.undoNoShow ?? null}
            disabled={pending || !onDuty}
            onUndo={(ticketId, number) =>
              void act(
                () => invoke('queue:undoNoShow', { ticketId }),
                () => `Đã hoàn tác: số ${number} trở lại hàng chờ ở vị trí cũ.`,
              )
            }
          />
        </section>

        <section className="officer__waiting" aria-labelledby="officer-waiting-title">
          <h2 id="officer-waiting-title" className="officer__section-title">
            Đang chờ ({view?.waiting.length ?? 0})
          </h2>
          {view && view.waiting.length === 0 ? (
            <p className="officer__muted">Chưa có ai đang chờ.</p>
          ) : (
            <ol className="waiting-list">
              {view?.waiting.map((t) => (
                <li key={t.ticketId} className={`waiting-item${t.priorityLabel ? ' waiting-item--priority' : ''}`}>
                  <span className="waiting-item__number">{t.number}</span>
                  <span className="waiting-item__service">{t.serviceName}</span>
                  {t.priorityLabel && <span className="waiting-item__priority">Ưu tiên: {t.priorityLabel}</span>}
                  <span className="waiting-item__time">{time(t.issuedAt)}</span>
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>

      {transferOpen && atCounter && (
        <div className="transfer-overlay">
          <div className="transfer-dialog" role="dialog" aria-modal="true" aria-labelledby="transfer-title">
            <h2 id="transfer-title" className="transfer-dialog__title">
              Chuyển số {current.number} sang dịch vụ:
            </h2>
            <div className="transfer-dialog__targets">
              {targets.map((t, i) => (
                <button
                  key={t.serviceId}
                  type="button"
                  className="button button--secondary transfer-target"
                  disabled={pending}
                  onClick={() => transferTo(t.serviceId, t.serviceName)}
                >
                  {i < 9 && <kbd>{i + 1}</kbd>}
                  <span>
                    {t.serviceName} <span className="officer__muted">({t.counterName})</span>
                  </span>
                </button>
              ))}
            </div>
            <button type="button" className="button button--quiet" onClick={() => setTransferOpen(false)}>
              Thôi, không chuyển (Esc)
            </button>
          </div>
        </div>
      )}
      <footer className="officer__keys" aria-label="Phím tắt bàn phím số">
        <span className="officer__keys-title">Phím tắt:</span>
        {KEYPAD_LEGEND.map(({ keys, action }) => (
          <span key={action} className="officer__key">
            <kbd>{keys}</kbd> {ACTION_LABELS[action]}
          </span>
        ))}
      </footer>
    </main>
  );
}

function CurrentTicket({ ticket }: { ticket: OfficerTicketView | null }) {
  if (!ticket) {
    return <p className="current-ticket current-ticket--empty">Chưa gọi số nào. Bấm “Gọi số tiếp theo”.</p>;
  }
  return (
    <div className={`current-ticket current-ticket--${ticket.status}`}>
      <p className="current-ticket__number">{ticket.number}</p>
      <div className="current-ticket__facts">
        <p className="current-ticket__service">{ticket.serviceName}</p>
        {ticket.priorityLabel && <p className="waiting-item__priority">Ưu tiên: {ticket.priorityLabel}</p>}
        <p>
          {ticket.status === 'serving'
            ? `Đang phục vụ từ ${time(ticket.startedAt)}`
            : `Đã gọi lúc ${time(ticket.calledAt)}, đang chờ công dân đến quầy`}
        </p>
        <p className="officer__muted">Lấy số lúc {time(ticket.issuedAt)}</p>
      </div>
    </div>
  );
}

function PrinterAlert({ view, onRefresh }: { view: OfficerView; onRefresh: () => Promise<void> }) {
  const invoke = useKiosk((s) => s.invoke);
  const [working, setWorking] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);
  const down = printerDown(view.printer.state);
  if (!down && view.unprinted.length === 0) {
    return view.printer.state === 'paper_near_end' ? (
      <p className="printer-alert printer-alert--warning" role="status">
        {view.printer.message}
      </p>
    ) : null;
  }
  const reprint = async (): Promise<void> => {
    setWorking(true);
    let failed: string | null = null;
    for (const ticket of view.unprinted) {
      const result = await invoke('queue:reprint', { ticketId: ticket.ticketId });
      if (!result.ok) failed = result.error.message;
      else if (!result.value.printed) failed = result.value.printerMessage ?? 'Máy in vẫn chưa in được.';
      if (failed) break;
    }
    setOutcome(failed ?? 'Đã in lại các phiếu.');
    setWorking(false);
    await onRefresh();
  };
  return (
    <div className="printer-alert" role="alert">
      <p className="printer-alert__text">
        <strong>{view.printer.message}.</strong>{' '}
        {view.unprinted.length > 0
          ? `Phiếu chưa in: ${view.unprinted.map((t) => t.number).join(', ')} (số vẫn được cấp và hiện trên màn hình).`
          : 'Số thứ tự vẫn được cấp và hiện trên màn hình công dân.'}
        {outcome && <span className="printer-alert__outcome"> {outcome}</span>}
      </p>
      {view.unprinted.length > 0 && (
        <button type="button" className="button button--danger" disabled={working} onClick={() => void reprint()}>
          In lại
        </button>
      )}
    </div>
  );
}
