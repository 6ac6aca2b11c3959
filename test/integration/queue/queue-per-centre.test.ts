import { afterEach, describe, expect, it } from 'vitest';
import type { BoardSnapshot } from '../../../shared/contract/console-api.ts';
import type { PhoneTicketStatus } from '../../../shared/contract/phone-rating.ts';
import type { PhuLuc2Report } from '../../../shared/domain/phu-luc-2.ts';
import { api } from '../sync/central.ts';
import { BACKENDS } from '../server/support.ts';
import {
  Network,
  OFFICER_PIN,
  enrolKiosk,
  startCentre,
  until,
  type CentreKiosk,
  type CentreServer,
} from './centre-support.ts';

/**
 * One server, two centres (issue 13 §1): each centre's kiosks share a queue with each other and
 * with no one else. Real kiosks (their own SQLite) enrolled through codes naming their centre,
 * over real HTTP on 127.0.0.1.
 */
let server: CentreServer | null = null;
const kiosks: CentreKiosk[] = [];
afterEach(async () => {
  for (const kiosk of kiosks.splice(0)) kiosk.close();
  await server?.close();
  server = null;
});

const B_NAME = 'Bộ phận Một cửa xã Hòa Bình';

async function setUp(backend: (typeof BACKENDS)[number]) {
  server = await startCentre(backend);
  const { url, admin } = server;
  const b = await api<{ id: number; code: string }>(url, 'POST', '/api/v1/centres', admin, {
    code: 'hoabinh',
    name: B_NAME,
  });
  const agencies = await api<Array<{ id: string }>>(url, 'GET', '/api/v1/agencies', admin);
  await api(url, 'POST', '/api/v1/counters', admin, { id: 'q-11', number: 1, name: 'Quầy 1 xã', centreId: b.id });
  await api(url, 'POST', '/api/v1/officers', admin, {
    id: 'cb-11',
    fullName: 'Cán bộ Xã Một',
    agencyId: agencies[0]!.id,
    order: 1,
    centreId: b.id,
  });
  await api(url, 'POST', '/api/v1/officers/cb-11/pin', admin, { pin: OFFICER_PIN });
  // The province's service is served by counter 1 of each centre.
  await api(url, 'PUT', '/api/v1/services/dv-tu-phap', admin, {
    id: 'dv-tu-phap',
    counterIds: ['q-1', 'q-2', 'q-11'],
    name: 'Chứng thực, hộ tịch',
    prefix: '',
    start: 1001,
    end: 1999,
    step: 1,
    dailyCap: 999,
    order: 1,
  });
  const network = new Network();
  const entranceA = await enrolKiosk(server, network, 'Kiosk sảnh tỉnh', 'entrance', null);
  const counterA = await enrolKiosk(server, network, 'Kiosk quầy 1 tỉnh', 'counter', 'q-1');
  const entranceB = await enrolKiosk(server, network, 'Kiosk sảnh xã', 'entrance', null, undefined, b.id);
  const counterB = await enrolKiosk(server, network, 'Kiosk quầy 1 xã', 'counter', 'q-11', undefined, b.id);
  kiosks.push(entranceA, counterA, entranceB, counterB);
  await until(() => [counterA, counterB].every((k) => k.core.queueStream.connected), 'streams open');
  return { b, entranceA, counterA, entranceB, counterB };
}

const take = (kiosk: CentreKiosk) => kiosk.core.handlers['queue:takeNumber']({ serviceId: 'dv-tu-phap' });
/** Every ticket the kiosk's own database holds (its own and what its stream brought). */
const ticketIds = (kiosk: CentreKiosk) =>
  kiosk.core.db
    .prepare<[], { id: string }>('SELECT id FROM tickets')
    .all()
    .map((r) => r.id);
const waitingIds = (kiosk: CentreKiosk) =>
  kiosk.core.queue.officerView(kiosk.core.counterId()).waiting.map((t) => t.ticketId);
const tokenOf = (kiosk: CentreKiosk) => kiosk.core.sync.store.enrolment()!.token;

async function claim(kiosk: CentreKiosk, ticketId: string, counterId: string) {
  const response = await fetch(`${server!.url}/api/v1/queue/claim`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokenOf(kiosk)}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ticketId, counterId }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function publicGet(path: string) {
  const response = await fetch(`${server!.url}${path}`);
  return { status: response.status, body: (await response.json()) as unknown };
}

describe.each(BACKENDS)('a queue per centre (%s)', (backend) => {
  it('numbers, streams, claims, boards and the phone page keep each centre to its own', async () => {
    const { b, entranceA, counterA, entranceB, counterB } = await setUp(backend);

    // Both centres start the day at the service's first number: leases are per centre.
    const a1 = await take(entranceA);
    const b1 = await take(entranceB);
    expect(a1.number).toBe('1001');
    expect(b1.number).toBe('1001');
    const b2 = await take(entranceB);
    const a2 = await take(entranceA);
    expect([b2.number, a2.number]).toEqual(['1002', '1002']);
    await until(() => waitingIds(counterB).includes(b2.ticketId), "B's tickets reach B's counter");
    // A's later ticket is after B's in the feed: once it is here, a leak of B's would be too.
    await until(() => waitingIds(counterA).includes(a2.ticketId), "A's tickets reach A's counter");
    expect(waitingIds(counterA)).toEqual([a1.ticketId, a2.ticketId]);
    expect(waitingIds(counterB)).toEqual([b1.ticketId, b2.ticketId]);
    for (const id of [b1.ticketId, b2.ticketId]) expect(ticketIds(counterA)).not.toContain(id);
    for (const id of [a1.ticketId, a2.ticketId]) {
      expect(ticketIds(counterB)).not.toContain(id);
      expect(ticketIds(entranceB)).not.toContain(id);
    }
    // The server stored four tickets: 1001 and 1002 once per centre.
    const rows = await server!.app.hailong.db
      .selectFrom('queue_tickets')
      .select(['ticket_id', 'number', 'centre_id', 'day_index'])
      .orderBy('centre_id')
      .orderBy('number')
      .execute();
    expect(rows.map((r) => [r.centre_id, r.number])).toEqual([
      [1, '1001'],
      [1, '1002'],
      [b.id, '1001'],
      [b.id, '1002'],
    ]);

    // B's counter cannot claim A's ticket (nor act for A's counter); its own ticket, yes.
    const foreign = await claim(counterB, a1.ticketId, 'q-11');
    expect(foreign.status).toBe(404);
    expect(JSON.stringify(foreign.body)).toContain('Không tìm thấy phiếu');
    expect((await claim(counterB, a1.ticketId, 'q-1')).status).toBe(404);
    const own = await claim(counterB, b1.ticketId, 'q-11');
    expect(own).toMatchObject({ status: 200, body: { granted: true } });

    // Each counter calls its own centre's 1001.
    expect(await counterA.core.handlers['queue:callNext']({})).toMatchObject({ ticketId: a1.ticketId });
    expect(await counterB.core.handlers['queue:callNext']({})).toMatchObject({ ticketId: b1.ticketId });
    await counterA.core.sync.syncNow();
    await counterB.core.sync.syncNow();

    // Each board shows its centre's call only; no code: the first centre's.
    const boardA = await publicGet('/api/v1/board/calls?centre=TT01');
    const boardB = await publicGet(`/api/v1/board/calls?centre=${b.code}`);
    const shown = (snapshot: unknown) =>
      (snapshot as BoardSnapshot).current.map((c) => `${c.counterName}: ${c.number}`);
    expect(shown(boardA.body)).toEqual(['Quầy 1: 1001']);
    expect(shown(boardB.body)).toEqual(['Quầy 1 xã: 1001']);
    expect((boardB.body as BoardSnapshot).recent.map((c) => c.counterName)).toEqual(['Quầy 1 xã']);
    expect(shown((await publicGet('/api/v1/board/calls')).body)).toEqual(['Quầy 1: 1001']);
    expect((await publicGet('/api/v1/board/centre?centre=hoabinh')).body).toEqual({ code: 'HOABINH', name: B_NAME });
    const unknown = await publicGet('/api/v1/board/calls?centre=KHONGCO');
    expect(unknown.status).toBe(404);
    expect(JSON.stringify(unknown.body)).toContain('Không có trung tâm mã');
    expect((await fetch(`${server!.url}/api/v1/board/stream?centre=KHONGCO`)).status).toBe(404);

    // The phone page names the ticket's centre; B's rating is counted at B's counter and officer.
    const tokens = new Map(
      (await server!.app.hailong.db.selectFrom('queue_tickets').select(['ticket_id', 'rating_token']).execute()).map(
        (r) => [r.ticket_id, r.rating_token!],
      ),
    );
    const phone = async (ticketId: string) =>
      (await publicGet(`/api/v1/phone/${tokens.get(ticketId)!}`)).body as PhoneTicketStatus;
    const first = (await api<Array<{ name: string }>>(server!.url, 'GET', '/api/v1/centres', server!.admin))[0]!;
    expect(await phone(a2.ticketId)).toMatchObject({ centreName: first.name, state: 'waiting', peopleAhead: 0 });
    expect(await phone(b1.ticketId)).toMatchObject({ centreName: B_NAME, state: 'called', counterName: 'Quầy 1 xã' });
    await counterB.core.handlers['queue:finish']({});
    await counterB.core.sync.syncNow();
    expect(await phone(b1.ticketId)).toMatchObject({ centreName: B_NAME, state: 'done', canRate: true });
    const rated = await fetch(`${server!.url}/api/v1/phone/${tokens.get(b1.ticketId)!}/rating`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ level: 'tot' }),
    });
    expect(rated.status).toBe(200);
    const stored = await server!.app.hailong.db
      .selectFrom('ratings')
      .select(['counter_id', 'officer_id', 'channel'])
      .where('ticket_id', '=', b1.ticketId)
      .execute();
    expect(stored).toEqual([{ counter_id: 'q-11', officer_id: 'cb-11', channel: 'phone' }]);
    const day = (await server!.app.hailong.db.selectFrom('queue_tickets').select('day').executeTakeFirstOrThrow()).day;
    const annex = (code: string) =>
      api<PhuLuc2Report>(
        server!.url,
        'GET',
        `/api/v1/reports/phu-luc-2?centre=${code}&from=${day}&to=${day}`,
        server!.admin,
      );
    const total = (report: PhuLuc2Report) =>
      report.rows.reduce((sum, row) => sum + row.counts.reduce((a, n) => a + n, 0), 0);
    expect((await annex(b.code)).rows.find((r) => r.officerId === 'cb-11')?.counts.reduce((a, n) => a + n, 0)).toBe(1);
    expect(total(await annex('TT01'))).toBe(0);
  });
});
