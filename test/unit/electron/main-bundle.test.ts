import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startCoreWorker } from '../../../electron/core/worker/core-client.ts';
import { dispatch } from '../../../shared/contract/dispatch.ts';

// Reads what `npm run build` wrote (scripts/build-main.mjs); npm test builds before it runs.
const DIST = join(process.cwd(), 'dist', 'electron', 'main');
const SERVER_ONLY = ['fastify', 'pg', 'kysely', 'exceljs', 'docx', 'pdfkit'];

interface Metafile {
  inputs: Record<string, unknown>;
  outputs: Record<string, { inputs: Record<string, unknown>; imports: { path: string; external?: boolean }[] }>;
}

function metafile(): Metafile {
  const file = join(DIST, 'meta.json');
  if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build first`);
  return JSON.parse(readFileSync(file, 'utf8')) as Metafile;
}

const packageOf = (path: string) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1];

describe("the bundled Electron main process (what the kiosk's installer carries)", () => {
  it('holds no server module: fastify, pg, kysely, exceljs, docx, pdfkit', () => {
    const meta = metafile();
    const bundled = new Set(
      Object.keys(meta.inputs)
        .map(packageOf)
        .filter((p) => p !== undefined),
    );
    expect(bundled.size).toBeGreaterThan(0); // the check reads real package names
    for (const name of SERVER_ONLY) expect(bundled.has(name), name).toBe(false);
    expect(Object.keys(meta.inputs).filter((path) => path.startsWith('server/'))).toEqual([]);
    const external = new Set(
      Object.values(meta.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path)),
    );
    for (const name of SERVER_ONLY) expect(external.has(name), name).toBe(false);
  });

  it('keeps native modules outside the bundle and the core out of the main thread', () => {
    const meta = metafile();
    const main = meta.outputs['dist/electron/main/index.mjs']!;
    const worker = meta.outputs['dist/electron/main/core-worker.mjs']!;
    expect(Object.keys(main.inputs).some((p) => p.includes('electron/core/kiosk-core.ts'))).toBe(false);
    expect(Object.keys(worker.inputs)).toContain('electron/core/kiosk-core.ts');
    expect(worker.imports.filter((i) => i.external).map((i) => i.path)).toEqual(
      expect.arrayContaining(['better-sqlite3']),
    );
    // Reported in the README: the two bundles together stay small.
    const bytes = statSync(join(DIST, 'index.mjs')).size + statSync(join(DIST, 'core-worker.mjs')).size;
    expect(bytes).toBeLessThan(4 * 1024 * 1024);
  });

  it('runs: the bundled core worker opens a kiosk database and answers in plain Node', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hailong-bundle-'));
    const core = await startCoreWorker({
      file: pathToFileURL(join(DIST, 'core-worker.mjs')),
      data: { dataDir: dir, demo: false },
      exitKiosk: () => undefined,
    });
    try {
      expect(await dispatch(core.handlers, 'kiosk:getState', {})).toMatchObject({ ok: true, value: { counter: null } });
    } finally {
      core.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
