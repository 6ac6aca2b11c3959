import { useEffect } from 'react';
import { formatDateTimeVi } from '../../../shared/domain/vietnam-time.ts';
import { KioskHeader } from '../components/KioskHeader.tsx';
import { useKiosk } from '../store/kiosk-context.ts';
import { QrCode } from './QrCode.tsx';
import { waitText, type TakeNumberFlow } from './take-number-flow.ts';
import { useTakeNumber } from './use-take-number.ts';
import './queue.css';
import { NO_PRIORITIES, NO_SERVICES } from './empty.ts';

/** The citizen's take-number screens: priority category, service, then the ticket shown large. */
export function TakeNumberScreen({ flow }: { flow: TakeNumberFlow }) {
  const goIdle = useKiosk((s) => s.goIdle);
  return (
    <main className={`screen screen--take-number screen--take-number-${flow.step}`} data-screen="takeNumber">
      <KioskHeader />
      <FlowStep flow={flow} />
      {flow.step !== 'ticket' && flow.step !== 'issuing' && (
        <div className="screen-actions">
          <button type="button" className="button button--secondary" onClick={goIdle}>
            Quay lại
          </button>
        </div>
      )}
    </main>
  );
}

function FlowStep({ flow }: { flow: TakeNumberFlow }) {
  switch (flow.step) {
    case 'priority':
      return <PriorityStep />;
    case 'service':
      return <ServiceStep priority={flow.priority} />;
    case 'issuing':
      return (
        <p className="screen-title take-number-wait" role="status">
          Đang cấp số…
        </p>
      );
    case 'ticket':
      return <TicketStep flow={flow} />;
    case 'error':
      return (
        <p className="message message--error message--large" role="alert">
          {flow.message}
        </p>
      );
  }
}

function PriorityStep() {
  const priorities = useKiosk((s) => s.kiosk?.queue.priorities ?? NO_PRIORITIES);
  const { chooseService } = useTakeNumber();
  return (
    <>
      <h1 className="screen-title">Ông/bà thuộc đối tượng ưu tiên nào?</h1>
      <p className="screen-subtitle">Cán bộ có thể đề nghị xuất trình giấy tờ khi phục vụ.</p>
      <div className="choice-grid">
        {priorities.map((p) => (
          <button key={p.code} type="button" className="choice-button" onClick={() => chooseService(p.code)}>
            {p.label}
          </button>
        ))}
      </div>
    </>
  );
}

function ServiceStep({ priority }: { priority?: string | undefined }) {
  const services = useKiosk((s) => s.kiosk?.queue.services ?? NO_SERVICES);
  const priorityLabel = useKiosk((s) => s.kiosk?.queue.priorities.find((p) => p.code === priority)?.label);
  const { issue } = useTakeNumber();
  return (
    <>
      <h1 className="screen-title">Ông/bà cần làm thủ tục gì?</h1>
      {priorityLabel && <p className="screen-subtitle">Số ưu tiên: {priorityLabel}</p>}
      <div className="choice-grid">
        {services.map((s) => (
          <button key={s.id} type="button" className="choice-button" onClick={() => void issue(s.id, priority)}>
            {s.name}
          </button>
        ))}
      </div>
    </>
  );
}

function TicketStep({ flow }: { flow: Extract<TakeNumberFlow, { step: 'ticket' }> }) {
  const { ticket } = flow;
  const goIdle = useKiosk((s) => s.goIdle);
  const seconds = useKiosk((s) => s.kiosk?.queue.ticketDisplaySeconds ?? 12);
  useEffect(() => {
    const timer = window.setTimeout(goIdle, seconds * 1000);
    return () => window.clearTimeout(timer);
  }, [goIdle, seconds, ticket.ticketId]);

  return (
    <section className="ticket" aria-label="Phiếu số thứ tự">
      <div className="ticket__main">
        <p className="ticket__caption">Số thứ tự của ông/bà</p>
        <p className="ticket__number" data-testid="ticket-number">
          {ticket.number}
        </p>
        {ticket.priorityLabel && <p className="ticket__priority">Ưu tiên: {ticket.priorityLabel}</p>}
        <dl className="ticket__facts">
          <div>
            <dt>Dịch vụ</dt>
            <dd>{ticket.serviceName}</dd>
          </div>
          <div>
            <dt>Nơi phục vụ</dt>
            <dd>{ticket.counterName}</dd>
          </div>
          <div>
            <dt>Số người chờ trước</dt>
            <dd>{ticket.peopleAhead}</dd>
          </div>
          <div>
            <dt>Thời gian chờ dự kiến</dt>
            <dd>{waitText(ticket)}</dd>
          </div>
          <div>
            <dt>Giờ lấy số</dt>
            <dd>{formatDateTimeVi(new Date(ticket.issuedAt))}</dd>
          </div>
        </dl>
      </div>
      <div className="ticket__side">
        <QrCode text={ticket.qrText} label={`Mã QR của phiếu số ${ticket.number}`} />
        {ticket.connectionNote && (
          <p className="ticket__note ticket__note--warning" role="alert" data-testid="connection-note">
            {ticket.connectionNote}
          </p>
        )}
        {ticket.printed ? (
          <p className="ticket__note" role="status">
            Mời ông/bà nhận phiếu in bên dưới.
          </p>
        ) : (
          <p className="ticket__note ticket__note--warning" role="alert">
            {ticket.printerMessage ?? 'Chưa in được phiếu.'}
          </p>
        )}
        <button type="button" className="button button--primary" onClick={goIdle}>
          Xong
        </button>
      </div>
    </section>
  );
}
