import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../server/support.ts';
import {
  Network,
  enrolKiosk,
  startCentre,
  until,
  waitingNumbers,
  type CentreKiosk,
  type CentreServer,
} from './centre-support.ts';

/**
 * Issue 10: an officer undoes a mistaken `Vắng mặt`. The event reaches the real server, whose
 * queue projection puts the ticket back to waiting; the other counter serving the service gets
 * it back at its old place and may call it.
 */
let centre: CentreServer | null = null;
const kiosks: CentreKiosk[] = [];
afterEach(async () => {
  for (const kiosk of kiosks.splice(0)) kiosk.close();
  await centre?.close();
  centre = null;
});

describe.each(BACKENDS)('undo of a no-show across the centre (%s)', (backend) => {
  it('the server projection and the other counter follow the undo', async () => {
    centre = await startCentre(backend);
    const network = new Network();
    const entrance = await enrolKiosk(centre, network, 'Kiosk sảnh', 'entrance', null);
    const k1 = await enrolKiosk(centre, network, 'Kiosk quầy 1', 'counter', 'q-1');
    const k2 = await enrolKiosk(centre, network, 'Kiosk quầy 2', 'counter', 'q-2');
    kiosks.push(entrance, k1, k2);
    await until(() => [k1, k2].every((k) => k.core.queueStream.connected), 'streams open');
    const db = centre.app.hailong.db;
    const serverRow = (id: string) =>
      db.selectFrom('queue_tickets').selectAll().where('ticket_id', '=', id).executeTakeFirstOrThrow();

    // Numbers from the entrance: either counter serving the service may call them.
    const a = await entrance.core.handlers['queue:takeNumber']({ serviceId: 'dv-tu-phap' });
    const b = await entrance.core.handlers['queue:takeNumber']({ serviceId: 'dv-tu-phap' });
    await until(() => [k1, k2].every((k) => waitingNumbers(k).length === 2), 'both pushed to the counters');
    expect((await k1.core.handlers['queue:callNext']({})).number).toBe(a.number);
    await k1.core.handlers['queue:noShow']({ ticketId: a.ticketId });
    await k1.core.sync.syncNow();
    expect((await serverRow(a.ticketId)).status).toBe('no_show');
    await until(() => waitingNumbers(k2).join() === b.number, 'the no-show leaves counter 2');

    await k1.core.handlers['queue:undoNoShow']({ ticketId: a.ticketId });
    await k1.core.sync.syncNow();
    const row = await serverRow(a.ticketId);
    expect(row).toMatchObject({ status: 'waiting', called_at: null, finished_at: null, officer_id: null });
    // The call itself happened and stays on record.
    const calls = await db.selectFrom('queue_calls').selectAll().where('ticket_id', '=', a.ticketId).execute();
    expect(calls).toHaveLength(1);
    // Counter 2 sees it again, ahead of the later number, and may call it.
    await until(() => waitingNumbers(k2).join() === [a.number, b.number].join(), 'the undo reaches counter 2');
    expect((await k2.core.handlers['queue:callNext']({})).number).toBe(a.number);
    await k2.core.sync.syncNow();
    expect((await serverRow(a.ticketId)).status).toBe('called');
    expect((await serverRow(a.ticketId)).counter_id).toBe('q-2');
  });
});
