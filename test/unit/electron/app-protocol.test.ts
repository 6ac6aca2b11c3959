import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { APP_SCHEME_PRIVILEGES, createAppHandler, registerAppScheme } from '../../../electron/main/app-protocol.ts';
import { CONTENT_SECURITY_POLICY } from '../../../electron/security/content-security-policy.ts';

let root: string;
let rendererDir: string;
let handler: (request: Request) => Promise<Response>;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'hailong-protocol-'));
  rendererDir = join(root, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Đánh giá</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  // A secret beside the renderer folder, which no app:// URL may reach.
  writeFileSync(join(root, 'kiosk.db'), 'SECRET');
  writeFileSync(join(root, 'renderer-secret.txt'), 'SECRET');
  handler = createAppHandler(rendererDir);
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

describe('app:// protocol', () => {
  it('is registered as a standard, secure scheme', () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn() };
    registerAppScheme(protocol);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([APP_SCHEME_PRIVILEGES]);
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ scheme: 'app', privileges: { standard: true, secure: true } });
    expect(APP_SCHEME_PRIVILEGES.privileges?.bypassCSP).toBeFalsy();
  });

  it('serves the screens with the CSP and security headers', async () => {
    const response = await get('app://kiosk/index.html');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Đánh giá');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });

  it('serves index.html for the root and scripts with their type', async () => {
    expect(await (await get('app://kiosk/')).text()).toContain('Đánh giá');
    const script = await get('app://kiosk/assets/app.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it.each([
    'app://kiosk/..%2Fkiosk.db',
    'app://kiosk/..%2F..%2F..%2F..%2Fetc%2Fpasswd',
    'app://kiosk/assets/..%2F..%2Fkiosk.db',
    'app://kiosk/..%5Ckiosk.db',
    'app://kiosk/index.html%00.js',
    'app://kiosk/%E0%A4%A',
    'app://other/index.html',
  ])('refuses %s, with the CSP still set', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain('SECRET');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it.each(['app://kiosk/../../renderer-secret.txt', 'app://kiosk/%2e%2e/kiosk.db', 'app://kiosk/%2Fkiosk.db'])(
    '%s stays inside the renderer folder',
    async (url) => {
      // The URL parser folds dot segments away and a doubled slash is still under the root:
      // these land on a missing file inside the renderer folder, never on the secret beside it.
      const response = await get(url);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('SECRET');
    },
  );

  it('answers 404 for a missing file and 405 for a write', async () => {
    expect((await get('app://kiosk/missing.js')).status).toBe(404);
    expect((await get('app://kiosk/index.html', 'POST')).status).toBe(405);
  });
});
