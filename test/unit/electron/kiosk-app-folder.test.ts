import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getConfig } from 'app-builder-lib/out/util/config/config.js';
import { afterAll, describe, expect, it } from 'vitest';
import { stageKioskApp } from '../../../scripts/stage-kiosk-app.mjs';

// Reads what `npm run build` wrote (dist/electron/main/meta.json); npm test builds before it runs.
const SERVER_ONLY = ['fastify', '@fastify', 'pg', 'kysely', 'exceljs', 'docx', 'pdfkit', 'react', 'zod'];
const root = process.cwd();
const out = mkdtempSync(join(tmpdir(), 'hailong-kiosk-app-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the kiosk installer carries only what the kiosk runs (issue 12 §3)', () => {
  it('packs the staged app folder, not the repository with the server’s dependencies', async () => {
    const config = await getConfig(root, 'build/electron-builder.yml', null);
    expect(config.directories?.app).toBe('dist/kiosk-app');
    const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.package).toMatch(/node scripts\/stage-kiosk-app\.mjs && electron-builder/);
  });

  it('stages the bundle, the screens and only the native modules with what they need', () => {
    const staged = stageKioskApp(root, out);
    const manifest = JSON.parse(readFileSync(join(out, 'package.json'), 'utf8')) as {
      main: string;
      dependencies: Record<string, string>;
    };
    expect(Object.keys(manifest.dependencies).sort()).toEqual(['@napi-rs/canvas', 'better-sqlite3']);
    expect(existsSync(join(out, manifest.main))).toBe(true);
    expect(existsSync(join(out, 'dist/electron/main/core-worker.mjs'))).toBe(true);
    expect(existsSync(join(out, 'dist/renderer/index.html'))).toBe(true);
    expect(existsSync(join(out, 'node_modules/better-sqlite3/package.json'))).toBe(true);
    expect(existsSync(join(out, 'node_modules/bindings/package.json'))).toBe(true);

    const installed = readdirSync(join(out, 'node_modules')).flatMap((name) =>
      name.startsWith('@') ? readdirSync(join(out, 'node_modules', name)).map((sub) => `${name}/${sub}`) : [name],
    );
    expect(installed.filter((name) => SERVER_ONLY.some((s) => name === s || name.startsWith(`${s}/`)))).toEqual([]);
    expect(staged.modules.sort()).toEqual(installed.sort());
    expect(existsSync(join(out, 'dist/server'))).toBe(false);
    expect(existsSync(join(out, 'dist/cli'))).toBe(false);
    // The whole app folder before asar: tens of MB, against ~190 MB with every production dependency.
    expect(staged.bytes.total).toBeLessThan(120_000_000);
  });
});
