import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../../../server/app.ts';

/**
 * Issue 12 §3: response schemas are enforced on every route, so a field such as `officerPins`
 * can never leave by accident. The route table (the OpenAPI document built from server/routes/
 * route.ts) must give every JSON answer a schema; only streams (server-sent events) and file
 * downloads carry no JSON. And no `/api/` route may bypass that table.
 */
interface Operation {
  responses: { '200': { content: Record<string, { schema: object }> } };
}

/** Every method + path Fastify serves, read back from its route tree (`printRoutes`). */
function servedRoutes(app: FastifyInstance): string[] {
  const served: string[] = [];
  // Each tree level adds its segment to its parent's path ("/" + "api/v1/devices" + "/enroll").
  const prefixes: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^(.*?)[└├]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const level = match[1]!.length / 4;
    const path = (prefixes[level - 1] ?? '') + match[2]!;
    prefixes[level] = path;
    prefixes.length = level + 1;
    for (const method of match[3]?.split(', ') ?? []) if (method !== 'HEAD') served.push(`${method} ${path}`);
  }
  return served;
}

describe('every route has an enforced response schema', () => {
  let app: FastifyInstance;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hailong-routes-'));
    app = await createServer({
      dbFile: join(dir, 'central.db'),
      adminPassword: 'mat-khau-quan-tri-thu',
      log: () => {},
    });
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const operations = async () => {
    const doc = (await app.inject({ url: '/api/v1/openapi.json' })).json<{
      paths: Record<string, Record<string, Operation>>;
    }>();
    return Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })),
    );
  };

  it('gives every JSON answer of the route table a schema; only streams and files have none', async () => {
    const ops = await operations();
    expect(ops.length).toBeGreaterThan(60);
    const missing = ops
      .filter(({ op }) => {
        const content = op.responses['200'].content;
        const json = content['application/json'];
        if (json) return Object.keys(json.schema).length === 0;
        // No JSON at all: only a server-sent event stream may answer so.
        return Object.keys(content).some((type) => type !== 'text/event-stream');
      })
      .map(({ route }) => route);
    expect(missing).toEqual([]);
    // The streams are exactly these; a new one must be added here on purpose.
    const streams = ops
      .filter(({ op }) => op.responses['200'].content['application/json'] === undefined)
      .map(({ route }) => route)
      .sort();
    expect(streams).toEqual([
      'GET /api/v1/board/stream',
      'GET /api/v1/console/live-alerts/stream',
      'GET /api/v1/console/today/stream',
      'GET /api/v1/queue/stream',
    ]);
  });

  it('serves no /api/ route that bypasses the route table', async () => {
    const documented = new Set((await operations()).map(({ route }) => route.replace(/\{(\w+)\}/g, ':$1')));
    const served = servedRoutes(app);
    expect(served).toContain('POST /api/v1/devices/enrollment-codes');
    expect(served).toContain('PUT /api/v1/counters/:id/access');
    const api = served.filter((r) => r.split(' ')[1]!.startsWith('/api/'));
    expect(api.length).toBeGreaterThan(60);
    const undocumented = api.filter((r) => !documented.has(r) && r !== 'GET /api/v1/openapi.json');
    expect(undocumented).toEqual([]);
  });
});
