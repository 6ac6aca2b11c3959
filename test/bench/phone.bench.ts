// phone.status-page.first-load (issue 11 §3): the gzip bytes a phone downloads to show a
// ticket's page the first time (HTML, its scripts and styles, the first status answer).
// Baseline in the same run: the waiting-room board's page, loaded the same way.
import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from '../../server/app.ts';
import type { Figure } from './figure.ts';

const GZIP = { 'accept-encoding': 'gzip' };

/** Bytes on the wire for a page and everything its HTML links (scripts, preloads, styles). */
async function pageBytes(app: FastifyInstance, url: string, extra: string[] = []): Promise<number> {
  const page = await app.inject({ url, headers: GZIP });
  if (page.statusCode !== 200) throw new Error(`${url}: ${page.statusCode} (build first: npm run build)`);
  const html = (await app.inject({ url })).body;
  const assets = [...html.matchAll(/(?:src|href)="\.\.\/assets\/([^"]+)"/g)].map((m) => `/assets/${m[1]!}`);
  let total = page.rawPayload.length;
  for (const asset of [...new Set(assets), ...extra]) {
    const response = await app.inject({ url: asset, headers: GZIP });
    if (response.statusCode !== 200) throw new Error(`${asset}: ${response.statusCode}`);
    total += response.rawPayload.length;
  }
  return total;
}

export async function benchPhone(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'hailong-bench-phone-'));
  const app = await createServer({
    dbFile: join(dir, 'central.db'),
    adminPassword: 'bench-phone-1234',
    log: () => undefined,
  });
  try {
    const token = 'AAAAAAAAAAAAAAAAAAAAAA';
    const phone = await pageBytes(app, `/r/${token}`, [`/api/v1/phone/${token}`]);
    const board = await pageBytes(app, '/board');
    return [
      {
        name: 'phone.status-page.first-load',
        value: phone,
        unit: 'bytes (gzip)',
        goal: '< 61440',
        better: 'lower',
        baseline: `board page first load ${board} bytes (gzip)`,
      },
    ];
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
