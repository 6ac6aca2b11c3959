import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS, auth, enrollDevice, startTestServer, sync, type SyncBody, type TestServer } from './support.ts';

describe.each(BACKENDS)('walk-up misuse rules on %s', (backend) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('are delivered to kiosks with the configuration after an admin changes them; bad values change nothing', async () => {
    server = await startTestServer(backend);
    const { app, admin } = server;
    const kiosk = await enrollDevice(app, admin);
    const first = (await sync(app, kiosk.token, [])).json<SyncBody & { config?: { misuse?: unknown } }>();
    expect(first.config?.misuse).toEqual({ walkUpIntervalSeconds: 5, burstPresses: 20, burstMinutes: 1 });

    const bad = await app.inject({
      method: 'PUT',
      url: '/api/v1/console/misuse-rules',
      headers: auth(admin),
      payload: { walkUpIntervalSeconds: -1, burstPresses: 10, burstMinutes: 5 },
    });
    expect(bad.statusCode).toBe(400);
    const rules = { walkUpIntervalSeconds: 30, burstPresses: 10, burstMinutes: 5 };
    const put = await app.inject({
      method: 'PUT',
      url: '/api/v1/console/misuse-rules',
      headers: auth(admin),
      payload: rules,
    });
    expect(put.statusCode, put.body).toBe(200);
    // The configuration version moved, so the kiosk receives the new rules on its next sync.
    const next = (await sync(app, kiosk.token, [], { configVersion: first.configVersion })).json<
      SyncBody & { config?: { misuse?: unknown } }
    >();
    expect(next.configVersion).toBeGreaterThan(first.configVersion);
    expect(next.config?.misuse).toEqual(rules);
  });
});
