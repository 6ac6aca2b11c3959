import Fastify from 'fastify';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../../../electron/security/content-security-policy.ts';
import { staticRoutes } from '../../../server/console/static-routes.ts';
import { contentSecurityPolicy, securityHeaders } from '../../../shared/node/security-headers.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function builtRenderer(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hailong-headers-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'console'), { recursive: true });
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Kiosk</title>');
  writeFileSync(join(dir, 'console', 'index.html'), '<!doctype html><title>Bảng điều khiển</title>');
  return dir;
}

function lowerCase(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

describe('security headers', () => {
  it('differ between the kiosk and the console only in form-action', () => {
    const kiosk = contentSecurityPolicy({ formAction: "'none'" }).split('; ');
    const console = contentSecurityPolicy({ formAction: "'self'" }).split('; ');
    expect(kiosk.filter((directive) => !console.includes(directive))).toEqual(["form-action 'none'"]);
    expect(console.filter((directive) => !kiosk.includes(directive))).toEqual(["form-action 'self'"]);
    expect(kiosk).toEqual(expect.arrayContaining(["script-src 'self'", "frame-ancestors 'none'", "object-src 'none'"]));
    expect(CONTENT_SECURITY_POLICY).toBe(kiosk.join('; '));
    expect(SECURITY_HEADERS).toEqual(securityHeaders({ formAction: "'none'" }));
  });

  it('are exactly the builder’s on every page the central server serves', async () => {
    const app = Fastify();
    cleanups.push(() => app.close());
    staticRoutes(app, { rendererDir: builtRenderer() });
    const expected = lowerCase(securityHeaders({ formAction: "'self'" }));
    for (const url of ['/', '/favicon.ico']) {
      const reply = await app.inject({ url });
      expect(reply.statusCode, url).toBeLessThan(300);
      for (const [name, value] of Object.entries(expected)) expect(reply.headers[name], `${url} ${name}`).toBe(value);
    }
  });
});
