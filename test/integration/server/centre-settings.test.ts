import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifySecret } from '../../../server/auth/secret-hash.ts';
import {
  BACKENDS,
  auth,
  createUserWithOwnPassword,
  enrollDevice,
  login,
  startTestServer,
  sync,
  type SyncBody,
  type TestServer,
} from './support.ts';

/**
 * Issue 13 §1: a centre owns its settings; the province owns the defaults. Centre A's admin
 * changes A's settings; centre B (the first centre) keeps following the province.
 */
interface KioskConfig {
  version: number;
  agencies: { id: string; order: number }[];
  counters: { id: string }[];
  officers: { id: string }[];
  queue: { services: { id: string; name: string }[]; options: { ratingTimeoutSeconds?: number } };
  technicianPinHash: string | null;
  ratingPrompt: { dossierRequired: boolean };
  duty: { endOfDay: string; idleMinutes: number };
}
type KioskSync = Omit<SyncBody, 'config'> & { config?: KioskConfig };

const SOURCE = 'hailong-setting-source';
/** Password hashing is slow by design; on a loaded machine two accounts take longer than the default. */
const SLOW = 240_000;

const service = (id: string, name: string, counterId: string) => ({
  id,
  name,
  counterIds: [counterId],
  prefix: 'X',
  start: 1,
  end: 999,
  step: 1,
  dailyCap: 500,
  order: 9,
});

async function call(app: FastifyInstance, token: string, method: string, url: string, payload?: unknown) {
  return app.inject({
    method: method as 'GET',
    url,
    headers: auth(token),
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
}

/** The full configuration a kiosk gets when it says it has none (as after a reinstall). */
async function fullConfig(app: FastifyInstance, token: string): Promise<KioskConfig> {
  const res = await sync(app, token, []);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<KioskSync>().config!;
}

describe.each(BACKENDS)('settings per centre on %s', (backend) => {
  let s: TestServer;
  let centreA: { id: number; code: string };
  let centreB: { id: number; code: string };
  let adminA: string;
  let kioskA: { token: string };
  let kioskB: { token: string };

  beforeEach(async () => {
    s = await startTestServer(backend, { now: () => new Date('2026-11-28T03:00:00.000Z') });
    centreB = (await call(s.app, s.admin, 'GET', '/api/v1/centres')).json<{ id: number; code: string }[]>()[0]!;
    const created = await call(s.app, s.admin, 'POST', '/api/v1/centres', { code: 'XA-A', name: 'Một cửa xã A' });
    expect(created.statusCode, created.body).toBe(201);
    centreA = created.json();
    await createUserWithOwnPassword(s.app, s.admin, {
      username: 'quantri.xa-a',
      password: 'mat-khau-quan-tri-a',
      role: 'admin',
      centreId: centreA.id,
    });
    adminA = await login(s.app, 'quantri.xa-a', 'mat-khau-quan-tri-a');
    kioskA = await enrollDevice(s.app, s.admin, 'Kiosk xã A', centreA.id);
    kioskB = await enrollDevice(s.app, s.admin, 'Kiosk trung tâm B', centreB.id);
  }, SLOW);
  afterEach(async () => s.close());

  /** Centre A's supervisor (only the tests that need one pay for the account). */
  async function supervisorOfA(): Promise<string> {
    await createUserWithOwnPassword(s.app, s.admin, {
      username: 'giamsat.xa-a',
      password: 'mat-khau-giam-sat-a',
      role: 'supervisor',
      centreId: centreA.id,
    });
    return login(s.app, 'giamsat.xa-a', 'mat-khau-giam-sat-a');
  }

  it(
    "gives A's kiosks A's services, technician PIN and rating prompt; B's kiosks keep the province's",
    async () => {
      const supervisorA = await supervisorOfA();
      const counterA = await call(s.app, adminA, 'POST', '/api/v1/counters', { number: 1, name: 'Quầy 1 xã A' });
      expect(counterA.statusCode, counterA.body).toBe(201);
      const counterAId = counterA.json<{ id: string }>().id;
      const provinceB = await fullConfig(s.app, kioskB.token);
      expect(provinceB.technicianPinHash).toBeNull();
      expect(provinceB.ratingPrompt).toEqual({ dossierRequired: false });

      const put = (url: string, body: unknown) => call(s.app, adminA, 'PUT', url, body);
      const atB = service('dv-xa-a', 'Chứng thực xã A', provinceB.counters[0]?.id ?? 'quay-khac');
      const refused = await put('/api/v1/services/dv-xa-a', atB);
      expect(refused.statusCode).toBe(400);
      expect(refused.json<{ error: { message: string } }>().error.message).toContain('quầy của chính trung tâm');
      const created = await put('/api/v1/services/dv-xa-a', service('dv-xa-a', 'Chứng thực xã A', counterAId));
      expect(created.statusCode, created.body).toBe(200);
      expect((await put('/api/v1/centre/technician-pin', { pin: '135790' })).statusCode).toBe(200);
      expect((await put('/api/v1/console/rating-prompt', { dossierRequired: true })).statusCode).toBe(200);

      // What the console shows: A's admin sees A's own values, the province admin the province's.
      const servicesA = await call(s.app, adminA, 'GET', '/api/v1/services');
      expect(servicesA.headers[SOURCE]).toBe('centre');
      expect(servicesA.json<{ id: string }[]>().map((x) => x.id)).toContain('dv-xa-a');
      const provinceServices = await call(s.app, s.admin, 'GET', '/api/v1/services');
      expect(provinceServices.headers[SOURCE]).not.toBe('centre');
      expect(provinceServices.body).not.toContain('dv-xa-a');
      const viaCode = await call(s.app, s.admin, 'GET', `/api/v1/services?centre=${centreA.code}`);
      expect(viaCode.body).toContain('dv-xa-a');
      expect((await call(s.app, supervisorA, 'GET', '/api/v1/centre/technician-pin')).json()).toEqual({ set: true });
      expect((await call(s.app, s.admin, 'GET', '/api/v1/centre/technician-pin')).json()).toEqual({ set: false });

      // Only A's kiosks download their configuration again: B's version did not move.
      const unchanged = (await sync(s.app, kioskB.token, [], { configVersion: provinceB.version })).json<KioskSync>();
      expect(unchanged.configVersion).toBe(provinceB.version);
      expect(unchanged.config).toBeUndefined();
      const a = await fullConfig(s.app, kioskA.token);
      expect(a.version).toBeGreaterThan(provinceB.version);
      expect(a.queue.services.map((x) => x.id)).toContain('dv-xa-a');
      expect(a.technicianPinHash).not.toBeNull();
      expect(await verifySecret('135790', a.technicianPinHash!)).toBe(true);
      expect(a.ratingPrompt).toEqual({ dossierRequired: true });
      const b = await fullConfig(s.app, kioskB.token);
      expect(b.queue.services).toEqual(provinceB.queue.services);
      expect(b.technicianPinHash).toBeNull();
      expect(b.ratingPrompt).toEqual({ dossierRequired: false });

      // A's supervisor reads but does not write the PIN; nobody at A changes the province's scale.
      expect(
        (await call(s.app, supervisorA, 'PUT', '/api/v1/centre/technician-pin', { pin: '246802' })).statusCode,
      ).toBe(403);
      const scale: unknown = (await call(s.app, supervisorA, 'GET', '/api/v1/rating-scale')).json();
      expect((await call(s.app, adminA, 'PUT', '/api/v1/rating-scale', scale)).statusCode).toBe(403);
      expect((await call(s.app, s.admin, 'PUT', '/api/v1/rating-scale', scale)).statusCode).toBe(200);
    },
    SLOW,
  );

  it(
    "downloads a counter's or an officer's change only to its centre's kiosks (both centres' for a move)",
    async () => {
      /** The version a kiosk is told after holding `known`; the configuration comes only when it moved. */
      const versionAfter = async (kiosk: { token: string }, known: number) => {
        const body = (await sync(s.app, kiosk.token, [], { configVersion: known })).json<KioskSync>();
        expect(body.config === undefined).toBe(body.configVersion === known);
        return body.configVersion;
      };
      let a = (await fullConfig(s.app, kioskA.token)).version;
      let b = (await fullConfig(s.app, kioskB.token)).version;
      const expectMoved = async (movedA: boolean, movedB: boolean, what: string) => {
        const [nextA, nextB] = [await versionAfter(kioskA, a), await versionAfter(kioskB, b)];
        expect(nextA > a, `A after ${what}`).toBe(movedA);
        expect(nextB > b, `B after ${what}`).toBe(movedB);
        [a, b] = [nextA, nextB];
      };

      const counter = await call(s.app, adminA, 'POST', '/api/v1/counters', { number: 1, name: 'Quầy 1 xã A' });
      expect(counter.statusCode, counter.body).toBe(201);
      await expectMoved(true, false, 'a counter created at A');
      const counterId = counter.json<{ id: string }>().id;
      expect(
        (await call(s.app, adminA, 'PATCH', `/api/v1/counters/${counterId}`, { name: 'Quầy một' })).statusCode,
      ).toBe(200);
      await expectMoved(true, false, 'a counter of A renamed');
      const officer = await call(s.app, adminA, 'POST', '/api/v1/officers', {
        fullName: 'Đặng Thị Xã',
        agencyId: 'ag-01',
      });
      expect(officer.statusCode, officer.body).toBe(201);
      await expectMoved(true, false, 'an officer created at A');
      const officerId = officer.json<{ id: string }>().id;
      expect(
        (await call(s.app, adminA, 'POST', `/api/v1/officers/${officerId}/pin`, { pin: '482915' })).statusCode,
      ).toBe(200);
      await expectMoved(true, false, "an A officer's PIN");

      // A move: the officer leaves A's kiosks and reaches B's.
      const moved = await call(s.app, s.admin, 'PATCH', `/api/v1/officers/${officerId}`, { centreId: centreB.id });
      expect(moved.statusCode, moved.body).toBe(200);
      await expectMoved(true, true, 'an officer moved from A to B');
      expect((await fullConfig(s.app, kioskB.token)).officers.map((o) => o.id)).toContain(officerId);
      expect((await fullConfig(s.app, kioskA.token)).officers.map((o) => o.id)).not.toContain(officerId);

      expect((await call(s.app, adminA, 'DELETE', `/api/v1/counters/${counterId}`)).statusCode).toBe(200);
      await expectMoved(true, false, 'a counter of A deleted');
    },
    SLOW,
  );

  it(
    "refuses A's admin every write naming centre B, and nothing of B changes",
    async () => {
      const before = await fullConfig(s.app, kioskB.token);
      const attempts = [
        ['PUT', `/api/v1/services/dv-x?centreId=${centreB.id}`, service('dv-x', 'Lạ', 'quay-x')],
        ['PUT', `/api/v1/centre/technician-pin?centre=${centreB.code}`, { pin: '135790' }],
        ['PUT', '/api/v1/centre/duty', { endOfDay: '11:00', idleMinutes: 5, centreId: centreB.id }],
        ['PUT', `/api/v1/console/rating-prompt?centreId=${centreB.id}`, { dossierRequired: true }],
        ['PUT', `/api/v1/queue-options?centreId=${centreB.id}`, before.queue.options],
        ['PATCH', `/api/v1/agencies/ag-02?centreId=${centreB.id}`, { order: 0 }],
        ['PUT', '/api/v1/console/rating-prompt?scope=province', { dossierRequired: true }],
        ['DELETE', `/api/v1/centre-settings/queue?centreId=${centreB.id}`, undefined],
      ] as const;
      for (const [method, url, body] of attempts) {
        const res = await call(s.app, adminA, method, url, body);
        expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(403);
        expect(res.json<{ error: { message: string } }>().error.message).toMatch(/trung tâm|cấp tỉnh/);
      }
      const after = await fullConfig(s.app, kioskB.token);
      expect({ ...after, version: 0 }).toEqual({ ...before, version: 0 });
      const states = await call(s.app, s.admin, 'GET', `/api/v1/centre-settings?centreId=${centreB.id}`);
      expect(states.json<{ settings: { source: string }[] }>().settings.map((x) => x.source)).not.toContain('centre');
    },
    SLOW,
  );

  it(
    'lets the province admin set the default B inherits, while A keeps its own until it lets go',
    async () => {
      expect(
        (await call(s.app, adminA, 'PUT', '/api/v1/console/rating-prompt', { dossierRequired: false })).statusCode,
      ).toBe(200);
      const duty = { endOfDay: '16:45', idleMinutes: 45 };
      expect((await call(s.app, s.admin, 'PUT', '/api/v1/centre/duty?scope=province', duty)).statusCode).toBe(200);
      expect(
        (await call(s.app, s.admin, 'PUT', '/api/v1/console/rating-prompt', { dossierRequired: true })).statusCode,
      ).toBe(200);
      // A province admin edits one centre's value by naming it.
      const dutyA = { endOfDay: '11:30', idleMinutes: 20 };
      expect((await call(s.app, s.admin, 'PUT', `/api/v1/centre/duty?centreId=${centreA.id}`, dutyA)).statusCode).toBe(
        200,
      );

      const b = await fullConfig(s.app, kioskB.token);
      expect(b.duty).toEqual(duty);
      expect(b.ratingPrompt).toEqual({ dossierRequired: true });
      const a = await fullConfig(s.app, kioskA.token);
      expect(a.duty).toEqual(dutyA);
      expect(a.ratingPrompt).toEqual({ dossierRequired: false });

      const inherited = await call(s.app, s.admin, 'GET', `/api/v1/centre/duty?centreId=${centreB.id}`);
      expect(inherited.headers[SOURCE]).toBe('province');
      const own = await call(s.app, adminA, 'GET', '/api/v1/console/rating-prompt');
      expect(own.headers[SOURCE]).toBe('centre');
      const statesA = (await call(s.app, adminA, 'GET', '/api/v1/centre-settings')).json<{
        centre: { code: string };
        settings: { name: string; source: string }[];
      }>();
      expect(statesA.centre.code).toBe(centreA.code);
      const sourceOf = (states: { settings: { name: string; source: string }[] }, name: string) =>
        states.settings.find((x) => x.name === name)?.source;
      expect(sourceOf(statesA, 'ratingPrompt')).toBe('centre');
      expect(sourceOf(statesA, 'duty')).toBe('centre');
      expect(sourceOf(statesA, 'speech')).toBe('default');

      // A lets go of its own rating prompt: its kiosks follow the province again.
      const cleared = await call(s.app, adminA, 'DELETE', '/api/v1/centre-settings/ratingPrompt');
      expect(cleared.statusCode, cleared.body).toBe(200);
      expect(sourceOf(cleared.json(), 'ratingPrompt')).toBe('province');
      expect((await fullConfig(s.app, kioskA.token)).ratingPrompt).toEqual({ dossierRequired: true });
      const unknown = await call(s.app, adminA, 'DELETE', '/api/v1/centre-settings/khong-co');
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json<{ error: { message: string } }>().error.message).toContain('Không có thiết lập');
    },
    SLOW,
  );

  it(
    "orders agencies per centre and prints a centre's Phụ lục 2 with its own framing",
    async () => {
      const supervisorA = await supervisorOfA();
      const provinceOrder = (await call(s.app, s.admin, 'GET', '/api/v1/agencies')).json<{ id: string }[]>();
      const moved = provinceOrder[5]!.id;
      const patched = await call(s.app, adminA, 'PATCH', `/api/v1/agencies/${moved}`, { order: 0 });
      expect(patched.statusCode, patched.body).toBe(200);
      const listA = await call(s.app, adminA, 'GET', '/api/v1/agencies');
      expect(listA.headers[SOURCE]).toBe('centre');
      expect(listA.json<{ id: string }[]>()[0]!.id).toBe(moved);
      expect((await call(s.app, s.admin, 'GET', '/api/v1/agencies')).json()).toEqual(provinceOrder);
      expect((await fullConfig(s.app, kioskA.token)).agencies.sort((x, y) => x.order - y.order)[0]!.id).toBe(moved);
      expect((await fullConfig(s.app, kioskB.token)).agencies[0]!.id).toBe(provinceOrder[0]!.id);

      const framing = (await call(s.app, s.admin, 'GET', '/api/v1/reports/framing')).json<Record<string, string>>();
      const framingA = { ...framing, issuingBody: 'UBND XÃ A', place: 'Xã A', approverName: 'Lê Thị Ký' };
      const framingProvince = { ...framing, issuingBody: 'UBND TỈNH BẮC KẠN', place: 'Bắc Kạn' };
      expect((await call(s.app, supervisorA, 'PUT', '/api/v1/reports/framing', framingA)).statusCode).toBe(200);
      expect(
        (await call(s.app, s.admin, 'PUT', '/api/v1/reports/framing?scope=province', framingProvince)).statusCode,
      ).toBe(200);

      const report = async (query: string) => {
        const res = await call(
          s.app,
          s.admin,
          'GET',
          `/api/v1/reports/phu-luc-2?from=2026-11-01&to=2026-11-30&${query}`,
        );
        expect(res.statusCode, res.body).toBe(200);
        return res.json<{ framing: Record<string, string>; scopeLine?: string }>();
      };
      expect((await report(`centre=${centreA.code}`)).framing).toMatchObject({
        issuingBody: 'UBND XÃ A',
        place: 'Xã A',
      });
      expect((await report(`centre=${centreB.code}`)).framing).toMatchObject({ issuingBody: 'UBND TỈNH BẮC KẠN' });
      expect((await report('scope=province')).framing).toMatchObject({ issuingBody: 'UBND TỈNH BẮC KẠN' });
      // A's supervisor gets A's own report by default.
      const own = await call(s.app, supervisorA, 'GET', '/api/v1/reports/phu-luc-2?from=2026-11-01&to=2026-11-30');
      expect(own.json<{ framing: { approverName: string } }>().framing.approverName).toBe('Lê Thị Ký');
    },
    SLOW,
  );
});
