import { afterEach, describe, expect, it } from 'vitest';
import { KioskCore } from '../../../electron/core/kiosk-core.ts';
import { DEMO_PIN, DEMO_TECHNICIAN_PIN } from '../../../shared/domain/demo-config.ts';
import { MAX_OFFICER_PHOTO_BYTES } from '../../../shared/domain/officer-photo.ts';
import { freshDatabase, type TestBackend } from '../server/support.ts';
import { api, enrolmentCode, startCentral, tempFolder, type Central } from './central.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

/** The first bytes of each format, padded: the server looks at the bytes, never the name. */
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 1)]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(32)]);
const GIF = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(64)]);

async function upload(central: Central, officerId: string, body: Buffer, type: string) {
  const response = await fetch(`${central.url}/api/v1/officers/${officerId}/photo`, {
    method: 'PUT',
    headers: { 'content-type': type, authorization: `Bearer ${central.admin}` },
    body: new Uint8Array(body),
  });
  return { status: response.status, body: (await response.json()) as { error?: { message: string } } };
}

async function storedPhoto(central: Central, officerId: string): Promise<string | null> {
  return (await api<{ photo: string | null }>(central.url, 'GET', `/api/v1/officers/${officerId}/photo`, central.admin))
    .photo;
}

describe.each<TestBackend>(['sqlite', 'postgres'])('officer photo on %s', (backend) => {
  it('keeps only JPEG, PNG or WebP bytes under the cap, and the counter kiosk shows the officer on duty with it', async () => {
    const db = await freshDatabase(backend);
    cleanups.push(db.cleanup);
    const central = await startCentral(db.options);
    cleanups.push(() => central.app.close());

    // A GIF named as a JPEG is refused by its bytes; nothing is stored.
    const gif = await upload(central, 'cb-002', GIF, 'image/jpeg');
    expect(gif.status).toBe(400);
    expect(gif.body.error?.message).toBe('Tệp không phải ảnh JPEG, PNG hoặc WebP.');
    const tooLarge = await upload(
      central,
      'cb-002',
      Buffer.concat([JPEG, Buffer.alloc(MAX_OFFICER_PHOTO_BYTES)]),
      'image/jpeg',
    );
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error?.message).toContain('ảnh cán bộ: tối đa 300 KB');
    expect(await storedPhoto(central, 'cb-002')).toBeNull();
    expect((await upload(central, 'khong-co', PNG, 'image/png')).status).toBe(404);

    for (const [bytes, type] of [
      [JPEG, 'image/jpeg'],
      [WEBP, 'image/webp'],
      [PNG, 'application/octet-stream'],
    ] as const) {
      expect((await upload(central, 'cb-002', bytes, type)).status).toBe(200);
    }
    // Stored as is, typed by its bytes (the last upload was declared as octet-stream).
    expect(await storedPhoto(central, 'cb-002')).toBe(`data:image/png;base64,${PNG.toString('base64')}`);
    const listed = await api<{ id: string; hasPhoto: boolean }[]>(
      central.url,
      'GET',
      '/api/v1/officers',
      central.admin,
    );
    expect(listed.find((o) => o.id === 'cb-002')?.hasPhoto).toBe(true);
    expect(listed.find((o) => o.id === 'cb-001')?.hasPhoto).toBe(false);

    const folder = tempFolder('hailong-photo-kiosk-');
    const core = new KioskCore({ dataDir: folder.dir, sync: { pollMs: 3_600_000, random: () => 0 } });
    cleanups.push(() => {
      core.close();
      folder.cleanup();
    });
    await core.setTechnicianPin(DEMO_TECHNICIAN_PIN);
    const code = await enrolmentCode(central);
    await core.handlers['sync:enroll']({ pin: DEMO_TECHNICIAN_PIN, serverUrl: central.url, code });
    await core.sync.syncNow();
    await core.handlers['technician:setCounter']({ pin: DEMO_TECHNICIAN_PIN, counterId: 'q-1' });
    await core.handlers['officer:signIn']({ officerId: 'cb-002', pin: DEMO_PIN });
    expect(core.state().officer?.photo).toBe(`data:image/png;base64,${PNG.toString('base64')}`);

    // Removed in the console: the kiosk drops it at its next sync.
    const removed = await fetch(`${central.url}/api/v1/officers/cb-002/photo`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${central.admin}` },
    });
    expect(removed.status).toBe(200);
    await core.sync.syncNow();
    expect(core.state().officer?.photo).toBeNull();
    expect(core.state().officer?.id).toBe('cb-002');
  });
});
