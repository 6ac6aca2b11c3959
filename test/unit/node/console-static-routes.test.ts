import Fastify, { type FastifyInstance } from 'fastify';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { staticRoutes } from '../../../server/console/static-routes.ts';

// server/console/static-routes.ts: the console's pages and hashed assets.
let dir: string;
let app: FastifyInstance;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hailong-static-'));
  mkdirSync(join(dir, 'console'), { recursive: true });
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'console', 'index.html'), '<!doctype html><title>Bảng điều khiển</title>');
  writeFileSync(join(dir, 'assets', 'index-aaaa.js'), 'console.log("v1")');
  app = Fastify();
  staticRoutes(app, { rendererDir: dir });
});

afterEach(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('console static files', () => {
  it('serves a built asset, gzipped when asked', async () => {
    const plain = await app.inject({ url: '/assets/index-aaaa.js' });
    expect(plain.statusCode).toBe(200);
    expect(plain.body).toBe('console.log("v1")');
    expect(plain.headers['cache-control']).toContain('immutable');
    const zipped = await app.inject({ url: '/assets/index-aaaa.js', headers: { 'accept-encoding': 'gzip' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
  });

  it('does not remember a missing asset: one built after a miss is served', async () => {
    // Misses used to be cached forever, so any visitor could grow the map without limit.
    for (let i = 0; i < 50; i += 1) {
      expect((await app.inject({ url: `/assets/missing-${i}.js` })).statusCode).toBe(404);
    }
    expect((await app.inject({ url: '/assets/index-bbbb.js' })).statusCode).toBe(404);
    writeFileSync(join(dir, 'assets', 'index-bbbb.js'), 'console.log("v2")');
    const later = await app.inject({ url: '/assets/index-bbbb.js' });
    expect(later.statusCode).toBe(200);
    expect(later.body).toBe('console.log("v2")');
  });

  it('refuses names that could climb out of the assets folder, with a Vietnamese message', async () => {
    for (const name of ['..%2Fconsole%2Findex.html', '.hidden', '..%5Cconsole%5Cindex.html']) {
      const reply = await app.inject({ url: `/assets/${name}` });
      expect(reply.statusCode, name).toBe(404);
      expect(reply.json()).toEqual({ error: { code: 'not_found', message: 'Không tìm thấy tệp.' } });
    }
  });

  it('asks for a build, in Vietnamese, when the console was never built', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'hailong-static-empty-'));
    const bare = Fastify();
    staticRoutes(bare, { rendererDir: empty });
    try {
      const reply = await bare.inject({ url: '/' });
      expect(reply.statusCode).toBe(503);
      expect(reply.body).toContain('chưa được build');
    } finally {
      await bare.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
