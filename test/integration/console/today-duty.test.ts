import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TodaySnapshot } from '../../../shared/contract/console-api.ts';
import { auth, BACKENDS, enrollDevice, startTestServer, sync, type TestServer } from '../server/support.ts';

describe.each(BACKENDS)('Today on %s: an officer replaced at a counter', (backend) => {
  let s: TestServer;
  beforeEach(async () => {
    s = await startTestServer(backend, { demo: true });
  });
  afterEach(async () => s.close());

  const today = async () =>
    (await s.app.inject({ url: '/api/v1/console/today', headers: auth(s.admin) })).json<TodaySnapshot>();

  // The kiosk writes signed_out(old) then signed_in(new) at the same instant; whatever order they
  // reach the server in (one batch, or out of order in two), the sequence numbers say who is on duty.
  it.each([
    ['in one batch', false],
    ['arriving out of order in two batches', true],
  ])('shows the new officer on duty, %s', async (_label, reversed) => {
    const kiosk = await enrollDevice(s.app, s.admin);
    const first = new Date(Date.now() - 10 * 60_000).toISOString();
    const at = new Date(Date.now() - 60_000).toISOString();
    const base = (seq: number, type: string, occurredAt: string) => ({ id: uuidv7(), seq, type, occurredAt });
    const signInA = {
      ...base(1, 'officer.signed_in', first),
      officerId: 'cb-001',
      agencyId: 'ag-11',
      counterId: 'q-1',
    };
    const signOutA = { ...base(2, 'officer.signed_out', at), officerId: 'cb-001', counterId: 'q-1', cause: 'replaced' };
    const signInB = { ...base(3, 'officer.signed_in', at), officerId: 'cb-002', agencyId: 'ag-11', counterId: 'q-1' };
    expect((await sync(s.app, kiosk.token, [signInA])).statusCode).toBe(200);
    const batches = reversed ? [[signInB], [signOutA]] : [[signOutA, signInB]];
    for (const batch of batches) {
      const res = await sync(s.app, kiosk.token, batch);
      expect(res.json<{ accepted: string[] }>().accepted).toHaveLength(batch.length);
    }
    const counter = (await today()).counters.find((c) => c.counterId === 'q-1')!;
    expect(counter.officer).toMatchObject({ id: 'cb-002', since: at });
    expect(counter.kiosk?.deviceId).toBe(kiosk.deviceId);
  });
});

describe('Today: nobody is shown on duty who is not', () => {
  let s: TestServer;
  let clock = Date.parse('2026-11-28T09:00:00+07:00');
  beforeEach(async () => {
    clock = Date.parse('2026-11-28T09:00:00+07:00');
    s = await startTestServer('sqlite', { demo: true, now: () => new Date(clock) });
  });
  afterEach(async () => s.close());

  const officerAt = async (counterId: string) =>
    (await s.app.inject({ url: '/api/v1/console/today', headers: auth(s.admin) }))
      .json<TodaySnapshot>()
      .counters.find((c) => c.counterId === counterId)!.officer;

  it('ends a sign-in at the end of the working day, and when the officer is deactivated, before the kiosk says so', async () => {
    const kiosk = await enrollDevice(s.app, s.admin);
    const signIn = (seq: number, officerId: string, counterId: string) => ({
      id: uuidv7(),
      seq,
      type: 'officer.signed_in',
      occurredAt: '2026-11-28T08:30:00+07:00',
      officerId,
      agencyId: 'ag-11',
      counterId,
    });
    const res = await sync(s.app, kiosk.token, [signIn(1, 'cb-001', 'q-1'), signIn(2, 'cb-002', 'q-2')]);
    expect(res.json<{ accepted: string[] }>().accepted).toHaveLength(2);
    expect(await officerAt('q-1')).toMatchObject({ id: 'cb-001' });

    const deactivated = await s.app.inject({
      method: 'PATCH',
      url: '/api/v1/officers/cb-002',
      headers: auth(s.admin),
      payload: { active: false },
    });
    expect(deactivated.statusCode).toBe(200);
    expect(await officerAt('q-2')).toBeNull();

    clock = Date.parse('2026-11-28T17:29:00+07:00');
    expect(await officerAt('q-1')).toMatchObject({ id: 'cb-001' });
    clock = Date.parse('2026-11-28T17:30:00+07:00');
    expect(await officerAt('q-1')).toBeNull();
  });
});
