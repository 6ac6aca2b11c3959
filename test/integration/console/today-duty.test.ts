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
