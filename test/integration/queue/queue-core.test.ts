import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../shared/contract/dispatch.ts';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../../shared/contract/kiosk-channels.ts';
import type { AppError } from '../../../shared/contract/result.ts';
import { KioskEventSchema, type KioskEvent } from '../../../shared/domain/events.ts';
import { DEMO_QUEUE_CONFIG } from '../../../shared/domain/queue-config.ts';
import type { PrinterStatus } from '../../../electron/printing/printer-status.ts';
import type { TicketPrintData } from '../../../electron/printing/ticket-print-data.ts';
import type { QueuePrinter } from '../../../electron/core/queue/printer-port.ts';
import { demoCore, type DemoCore } from '../../support/core-fixtures.ts';

let kiosk: DemoCore | undefined;
const originalTz = process.env.TZ;
afterEach(() => {
  kiosk?.close();
  kiosk = undefined;
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

async function call<K extends ChannelName>(k: DemoCore, channel: K, input: ChannelInput<K>): Promise<ChannelOutput<K>> {
  const result = await dispatch(k.core.handlers, channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value as ChannelOutput<K>;
}

async function refused<K extends ChannelName>(k: DemoCore, channel: K, input: ChannelInput<K>): Promise<AppError> {
  const result = await dispatch(k.core.handlers, channel, input);
  if (result.ok) throw new Error(`${channel} should have been refused`);
  return result.error;
}

function events(k: DemoCore, type?: string): KioskEvent[] {
  const all = [...k.core.outbox.all()];
  for (const event of all) expect(KioskEventSchema.safeParse(event).success, JSON.stringify(event)).toBe(true);
  return type ? all.filter((e) => e.type === type) : all;
}

const take = (k: DemoCore, serviceId = 'dv-chung-thuc', priorityCategory?: string) =>
  call(k, 'queue:takeNumber', priorityCategory ? { serviceId, priorityCategory } : { serviceId });

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A printer the test breaks and repairs; it remembers what it printed. */
class FakePrinter implements QueuePrinter {
  printed: TicketPrintData[] = [];
  broken: PrinterStatus | null = null;
  print(data: TicketPrintData) {
    if (this.broken) return Promise.resolve({ ok: false as const, status: this.broken });
    this.printed.push(data);
    return Promise.resolve({ ok: true as const });
  }
  status() {
    return Promise.resolve(this.broken ?? { state: 'ok' as const, message: 'Máy in sẵn sàng' });
  }
}

describe('taking a number', () => {
  it('issues 1001, 1002 … per service, with people ahead, wait, QR and a ticket.issued event', async () => {
    kiosk = await demoCore();
    const first = await take(kiosk);
    expect(first).toMatchObject({
      number: '1001',
      serviceName: 'Chứng thực bản sao',
      counterName: 'Quầy số 1',
      peopleAhead: 0,
      estimatedWaitMinutes: 0,
      issuedAt: '2026-11-28T09:00:00.000+07:00',
      printed: false,
    });
    expect(first.ticketId).toMatch(UUID_V7);
    expect(first.qrText).toContain(first.ticketId);
    expect(first.printerMessage).toMatch(/chưa được nối với máy in/);
    const second = await take(kiosk);
    expect(second).toMatchObject({ number: '1002', peopleAhead: 1, estimatedWaitMinutes: 5 });
    const hoTich = await take(kiosk, 'dv-ho-tich');
    // Both services are served at counter 1: two people are ahead in the counter's queue.
    expect(hoTich).toMatchObject({ number: '2001', serviceName: 'Hộ tịch', peopleAhead: 2, estimatedWaitMinutes: 10 });

    const issued = events(kiosk, 'ticket.issued');
    expect(issued).toHaveLength(3);
    expect(issued[0]).toMatchObject({
      type: 'ticket.issued',
      ticketId: first.ticketId,
      number: '1001',
      serviceId: 'dv-chung-thuc',
      counterId: 'q-1',
      occurredAt: '2026-11-28T09:00:00.000+07:00',
    });
    expect(issued[0]).not.toHaveProperty('priority');
  });

  it('lists the counter services and priority categories in the kiosk state', async () => {
    kiosk = await demoCore();
    const state = await call(kiosk, 'kiosk:getState', {});
    expect(state.queue.services.map((s) => s.name)).toEqual(['Chứng thực bản sao', 'Hộ tịch']);
    expect(state.queue.priorities.map((p) => p.label)).toEqual([
      'Người cao tuổi',
      'Người khuyết tật',
      'Phụ nữ mang thai',
      'Người có công với cách mạng',
    ]);
    expect(state.queue.printer.state).toBe('none');
  });

  it('restarts numbering at midnight Vietnam time, whatever the machine time zone', async () => {
    process.env.TZ = 'America/New_York';
    kiosk = await demoCore();
    kiosk.clock.advance(Date.parse('2026-11-28T23:59:59+07:00') - kiosk.clock.now().getTime());
    expect((await take(kiosk)).number).toBe('1001');
    expect((await take(kiosk)).number).toBe('1002');
    kiosk.clock.advance(1000);
    const morning = await take(kiosk);
    expect(morning).toMatchObject({ number: '1001', issuedAt: '2026-11-29T00:00:00.000+07:00', peopleAhead: 0 });
  });

  it('refuses once the daily cap is reached, with a Vietnamese message, and issues nothing', async () => {
    kiosk = await demoCore();
    kiosk.core.queueStore.apply({
      ...DEMO_QUEUE_CONFIG,
      services: DEMO_QUEUE_CONFIG.services.map((s) => (s.id === 'dv-chung-thuc' ? { ...s, dailyCap: 2 } : s)),
    });
    await take(kiosk);
    await take(kiosk);
    const error = await refused(kiosk, 'queue:takeNumber', { serviceId: 'dv-chung-thuc' });
    expect(error.message).toBe('Đã hết số thứ tự cho dịch vụ này hôm nay.');
    expect(events(kiosk, 'ticket.issued')).toHaveLength(2);
    // Another service is not affected.
    expect((await take(kiosk, 'dv-ho-tich')).number).toBe('2001');
  });

  it('records a priority category and refuses an unknown one or an unknown service', async () => {
    kiosk = await demoCore();
    const ticket = await take(kiosk, 'dv-chung-thuc', 'nguoi_cao_tuoi');
    expect(ticket.priorityLabel).toBe('Người cao tuổi');
    expect(events(kiosk, 'ticket.issued')[0]).toMatchObject({ priority: 'nguoi_cao_tuoi' });
    expect(
      (await refused(kiosk, 'queue:takeNumber', { serviceId: 'dv-chung-thuc', priorityCategory: 'vip' })).code,
    ).toBe('not_found');
    expect((await refused(kiosk, 'queue:takeNumber', { serviceId: 'dv-khong-co' })).message).toBe(
      'Không tìm thấy dịch vụ này.',
    );
  });
});

describe('the officer at the counter', () => {
  it('calls the oldest ticket, recalls it, starts and finishes it, with one event each', async () => {
    kiosk = await demoCore();
    const a = await take(kiosk);
    const b = await take(kiosk);
    kiosk.clock.advance(60_000);
    const called = await call(kiosk, 'queue:callNext', {});
    expect(called).toMatchObject({ ticketId: a.ticketId, number: '1001', status: 'called' });
    const firstCall = (await call(kiosk, 'kiosk:getState', {})).queue.lastCall!;
    expect(firstCall).toMatchObject({ ticketId: a.ticketId, number: '1001', counterNumber: 1 });

    const recalled = await call(kiosk, 'queue:recall', {});
    expect(recalled.status).toBe('called');
    const secondCall = (await call(kiosk, 'kiosk:getState', {})).queue.lastCall!;
    expect(secondCall.ticketId).toBe(a.ticketId);
    expect(secondCall.callId).not.toBe(firstCall.callId);

    kiosk.clock.advance(30_000);
    expect((await call(kiosk, 'queue:start', {})).status).toBe('serving');
    kiosk.clock.advance(4 * 60_000);
    await call(kiosk, 'queue:finish', { ticketId: a.ticketId });

    expect(
      events(kiosk)
        .map((e) => e.type)
        .filter((t) => t.startsWith('ticket.')),
    ).toEqual([
      'ticket.issued',
      'ticket.issued',
      'ticket.called',
      'ticket.recalled',
      'ticket.started',
      'ticket.finished',
    ]);
    expect(events(kiosk, 'ticket.called')[0]).toMatchObject({
      ticketId: a.ticketId,
      counterId: 'q-1',
      officerId: 'cb-001',
      agencyId: 'ag-11',
      occurredAt: '2026-11-28T09:01:00.000+07:00',
    });
    expect(events(kiosk, 'ticket.finished')[0]).toEqual(
      expect.objectContaining({
        ticketId: a.ticketId,
        number: '1001',
        serviceId: 'dv-chung-thuc',
        counterId: 'q-1',
        officerId: 'cb-001',
        agencyId: 'ag-11',
        issuedAt: '2026-11-28T09:00:00.000+07:00',
        calledAt: '2026-11-28T09:01:00.000+07:00',
        startedAt: '2026-11-28T09:01:30.000+07:00',
        occurredAt: '2026-11-28T09:05:30.000+07:00',
      }),
    );
    // The next citizen's estimate now uses the 4-minute service just recorded.
    const view = await call(kiosk, 'queue:officerView', {});
    expect(view.waiting.map((t) => t.ticketId)).toEqual([b.ticketId]);
    expect(view.servedToday).toBe(1);
    expect((await take(kiosk)).estimatedWaitMinutes).toBe(4);
  });

  it('finishing a ticket that was only called counts the service from the call', async () => {
    kiosk = await demoCore();
    const a = await take(kiosk);
    await call(kiosk, 'queue:callNext', {});
    kiosk.clock.advance(3 * 60_000);
    await call(kiosk, 'queue:finish', {});
    const finished = events(kiosk, 'ticket.finished')[0]!;
    expect(finished).toMatchObject({ ticketId: a.ticketId, startedAt: '2026-11-28T09:00:00.000+07:00' });
    expect(events(kiosk, 'ticket.started')).toHaveLength(1);
  });

  it('refuses actions that make no sense, in Vietnamese, and changes nothing', async () => {
    kiosk = await demoCore();
    expect(await refused(kiosk, 'queue:callNext', {})).toMatchObject({
      code: 'not_found',
      message: 'Hiện không có ai đang chờ.',
    });
    expect((await refused(kiosk, 'queue:finish', {})).code).toBe('conflict');
    await take(kiosk);
    const b = await take(kiosk);
    await call(kiosk, 'queue:callNext', {});
    const busy = await refused(kiosk, 'queue:callNext', {});
    expect(busy).toMatchObject({ code: 'conflict' });
    expect(busy.message).toContain('1001');
    const wrong = await refused(kiosk, 'queue:finish', { ticketId: b.ticketId });
    expect(wrong.message).toContain('1002');
    await call(kiosk, 'queue:start', {});
    expect((await refused(kiosk, 'queue:noShow', {})).message).toBe(
      'Không thể đánh dấu vắng mặt: Số 1001 đang được phục vụ.',
    );
    expect((await refused(kiosk, 'queue:recall', {})).code).toBe('conflict');
    expect(events(kiosk, 'ticket.no_show')).toHaveLength(0);
  });

  it('needs an officer on duty', async () => {
    kiosk = await demoCore();
    await take(kiosk);
    await call(kiosk, 'officer:signOut', {});
    // Citizens can still take numbers with nobody signed in.
    await take(kiosk);
    expect((await refused(kiosk, 'queue:callNext', {})).code).toBe('no_officer_on_duty');
  });

  it('marks a no-show and moves on to the next ticket', async () => {
    kiosk = await demoCore();
    const a = await take(kiosk);
    const b = await take(kiosk);
    await call(kiosk, 'queue:callNext', {});
    await call(kiosk, 'queue:noShow', {});
    expect(events(kiosk, 'ticket.no_show')[0]).toMatchObject({
      ticketId: a.ticketId,
      counterId: 'q-1',
      officerId: 'cb-001',
    });
    expect((await call(kiosk, 'queue:callNext', {})).ticketId).toBe(b.ticketId);
  });

  it('calls priority tickets first under the default strict rule, then oldest first', async () => {
    kiosk = await demoCore();
    const normal = await take(kiosk);
    kiosk.clock.advance(1000);
    const elder = await take(kiosk, 'dv-ho-tich', 'nguoi_cao_tuoi');
    expect(elder.peopleAhead).toBe(0);
    const view = await call(kiosk, 'queue:officerView', {});
    expect(view.waiting.map((t) => [t.number, t.priorityLabel])).toEqual([
      ['2001', 'Người cao tuổi'],
      ['1001', null],
    ]);
    expect((await call(kiosk, 'queue:callNext', {})).ticketId).toBe(elder.ticketId);
    await call(kiosk, 'queue:finish', {});
    expect((await call(kiosk, 'queue:callNext', {})).ticketId).toBe(normal.ticketId);
  });

  it('applies n normal per priority from the configuration', async () => {
    kiosk = await demoCore();
    kiosk.core.queueStore.setOptions({ ordering: { normalPerPriority: 2 } });
    const p1 = await take(kiosk, 'dv-chung-thuc', 'phu_nu_mang_thai');
    const n1 = await take(kiosk);
    const n2 = await take(kiosk);
    const n3 = await take(kiosk);
    const p2 = await take(kiosk, 'dv-chung-thuc', 'nguoi_khuyet_tat');
    const order: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      order.push((await call(kiosk, 'queue:callNext', {})).ticketId);
      await call(kiosk, 'queue:finish', {});
    }
    expect(order).toEqual([p1, n1, n2, p2, n3].map((t) => t.ticketId));
  });

  it('transfers to another service: same number, original issue time, ahead of later arrivals', async () => {
    kiosk = await demoCore();
    const a = await take(kiosk);
    kiosk.clock.advance(60_000);
    const later = await take(kiosk, 'dv-quay-2');
    await call(kiosk, 'queue:callNext', {});
    const { newTicketId } = await call(kiosk, 'queue:transfer', { ticketId: a.ticketId, toServiceId: 'dv-quay-2' });
    expect(newTicketId).toMatch(UUID_V7);
    expect(events(kiosk, 'ticket.transferred')[0]).toMatchObject({
      ticketId: a.ticketId,
      toServiceId: 'dv-quay-2',
      newTicketId,
    });
    const moved = kiosk.core.queue.ticket(newTicketId)!;
    expect(moved).toMatchObject({
      number: '1001',
      service_id: 'dv-quay-2',
      // Sent to the service, not a counter: any counter serving it may call it.
      counter_id: null,
      pinned: 0,
      status: 'waiting',
      issued_at: '2026-11-28T09:00:00.000+07:00',
      transferred_from: a.ticketId,
    });
    expect(kiosk.core.queue.ticket(a.ticketId)!.status).toBe('transferred');
    expect(later.ticketId).toMatch(UUID_V7);
    // Counter 2's queue lives on counter 2's kiosk: test/integration/queue/centre-queue.test.ts
    // reads it there (the transferred citizen ahead of the one who came later). Counter 1 is free.
    const counter1 = await call(kiosk, 'queue:officerView', {});
    expect(counter1.current).toBeNull();
    expect(counter1.waiting.map((t) => t.ticketId)).not.toContain(newTicketId);
    expect((await refused(kiosk, 'queue:transfer', { toServiceId: 'dv-quay-2' })).code).toBe('conflict');
  });

  it('cancels a waiting ticket', async () => {
    kiosk = await demoCore();
    const a = await take(kiosk);
    await call(kiosk, 'queue:cancel', { ticketId: a.ticketId });
    expect(events(kiosk, 'ticket.cancelled')[0]).toMatchObject({ ticketId: a.ticketId });
    expect((await call(kiosk, 'queue:officerView', {})).waiting).toEqual([]);
    expect((await refused(kiosk, 'queue:cancel', { ticketId: a.ticketId })).code).toBe('conflict');
  });
});

describe('the rating that ends a ticket', () => {
  it('finish → rating request → the rating carries the ticket id, once', async () => {
    kiosk = await demoCore();
    const a = await take(kiosk);
    await call(kiosk, 'queue:callNext', {});
    await call(kiosk, 'queue:finish', {});
    const request = (await call(kiosk, 'kiosk:getState', {})).queue.ratingRequest;
    expect(request).toEqual({ ticketId: a.ticketId, number: '1001', until: '2026-11-28T09:00:30.000+07:00' });

    kiosk.clock.advance(5000);
    const { ratingId } = await call(kiosk, 'ratings:submit', { level: 'kha', ticketId: a.ticketId });
    const ratings = events(kiosk, 'rating.submitted');
    expect(ratings).toHaveLength(1);
    expect(ratings[0]).toMatchObject({ id: ratingId, ticketId: a.ticketId, level: 'kha', officerId: 'cb-001' });
    // The screen leaves rating mode, and the same ticket cannot be rated again.
    expect((await call(kiosk, 'kiosk:getState', {})).queue.ratingRequest).toBeNull();
    const again = await refused(kiosk, 'ratings:submit', { level: 'tot', ticketId: a.ticketId });
    expect(again).toMatchObject({ code: 'already_rated' });
    expect(events(kiosk, 'rating.submitted')).toHaveLength(1);
  });

  it('a press during the window rates the finished ticket even if the screen sent no ticket id', async () => {
    kiosk = await demoCore();
    const a = await take(kiosk);
    await call(kiosk, 'queue:callNext', {});
    await call(kiosk, 'queue:finish', {});
    await call(kiosk, 'ratings:submit', { level: 'tot' });
    expect(events(kiosk, 'rating.submitted')[0]).toMatchObject({ ticketId: a.ticketId });
    // After it, presses are walk-up ratings again.
    kiosk.clock.advance(60_000);
    await call(kiosk, 'ratings:submit', { level: 'tot' });
    expect(events(kiosk, 'rating.submitted')[1]).not.toHaveProperty('ticketId');
  });

  it('the window closes after the configured time; a ticket not yet finished cannot be rated', async () => {
    kiosk = await demoCore();
    kiosk.core.queueStore.setOptions({ ratingWindowSeconds: 10 });
    const a = await take(kiosk);
    const b = await take(kiosk);
    await call(kiosk, 'queue:callNext', {});
    await call(kiosk, 'queue:finish', {});
    kiosk.clock.advance(10_000);
    expect((await call(kiosk, 'kiosk:getState', {})).queue.ratingRequest).toBeNull();
    expect((await refused(kiosk, 'ratings:submit', { level: 'tot', ticketId: b.ticketId })).code).toBe('conflict');
    // Once the window has closed, the finished ticket can no longer be rated, even explicitly.
    const late = await refused(kiosk, 'ratings:submit', { level: 'tot', ticketId: a.ticketId });
    expect(late.code).toBe('conflict');
    expect(late.message).toContain('Đã hết thời gian đánh giá');
    expect(events(kiosk, 'rating.submitted')).toHaveLength(0);
  });

  it('the officer view never carries the rating given', async () => {
    kiosk = await demoCore();
    await take(kiosk);
    await call(kiosk, 'queue:callNext', {});
    await call(kiosk, 'queue:finish', {});
    await call(kiosk, 'ratings:submit', { level: 'kem' });
    const text = JSON.stringify(await call(kiosk, 'queue:officerView', {}));
    expect(text).not.toMatch(/kem|Kém|rating/i);
  });
});

describe('printing', () => {
  it('prints after the ticket is committed; a failure keeps the ticket, alerts, and a reprint works after recovery', async () => {
    const printer = new FakePrinter();
    kiosk = await demoCore({ printer });
    const ok = await take(kiosk);
    expect(ok.printed).toBe(true);
    expect(printer.printed[0]).toMatchObject({
      number: '1001',
      serviceName: 'Chứng thực bản sao',
      counterName: 'Quầy số 1',
      centreName: 'Trung tâm Phục vụ hành chính công tỉnh',
      qrText: ok.qrText,
    });

    printer.broken = { state: 'paper_out', message: 'Máy in hết giấy' };
    const failed = await take(kiosk);
    expect(failed).toMatchObject({ number: '1002', printed: false });
    expect(failed.printerMessage).toMatch(/^Máy in hết giấy\. Số của ông\/bà vẫn được ghi nhận/);
    expect(events(kiosk, 'ticket.issued')).toHaveLength(2);
    const state = await call(kiosk, 'kiosk:getState', {});
    expect(state.queue.printer).toEqual({ state: 'paper_out', message: 'Máy in hết giấy' });
    expect((await call(kiosk, 'queue:officerView', {})).unprinted.map((t) => t.number)).toEqual(['1002']);

    expect((await call(kiosk, 'queue:reprint', { ticketId: failed.ticketId })).printed).toBe(false);
    printer.broken = null;
    expect(await call(kiosk, 'queue:reprint', { ticketId: failed.ticketId })).toEqual({ printed: true });
    expect(printer.printed.map((p) => p.number)).toEqual(['1001', '1002']);
    expect((await call(kiosk, 'kiosk:getState', {})).queue.printer.state).toBe('ok');
    expect((await call(kiosk, 'queue:officerView', {})).unprinted).toEqual([]);
  });

  it('a printer that throws is treated as offline, never as a lost ticket', async () => {
    const printer: QueuePrinter = {
      print: () => Promise.reject(new Error('ECONNREFUSED')),
      status: () => Promise.reject(new Error('ECONNREFUSED')),
    };
    kiosk = await demoCore({ printer });
    const ticket = await take(kiosk);
    expect(ticket.printed).toBe(false);
    expect((await call(kiosk, 'kiosk:getState', {})).queue.printer.state).toBe('offline');
    expect(kiosk.core.queue.ticket(ticket.ticketId)!.status).toBe('waiting');
  });
});
