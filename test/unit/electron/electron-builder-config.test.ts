import { statSync } from 'node:fs';
import { relative } from 'node:path';
import { FileMatcher } from 'app-builder-lib/out/fileMatcher.js';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';
import { PACKAGED_FONTS_FOLDER, fontsDir } from '../../../shared/node/package-paths.ts';

// Checked against electron-builder's own schema; packaging itself cannot run here (no network).
const config = await getConfig(process.cwd(), 'build/electron-builder.yml', null);

describe('build/electron-builder.yml', () => {
  // Loading electron-builder's validator takes seconds on a busy 2-core machine.
  it("passes electron-builder's schema", { timeout: 60_000 }, async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('flips the Electron fuses that would let someone at the kiosk run their own code', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
      loadBrowserProcessSpecificV8Snapshot: false,
    });
  });

  it('names the app and packs only the built files', () => {
    expect(config).toMatchObject({ appId: 'vn.hailong.kiosk', productName: 'hailong', asar: true, npmRebuild: true });
    // getConfig normalises the list into one filter set.
    const files = (config.files as Array<{ filter: string[] }>)[0]!.filter;
    expect(files).toEqual(expect.arrayContaining(['package.json', '!dist/**/*.map']));
    expect(files.filter((pattern) => !pattern.startsWith('!') && !/^(dist\/|package\.json$)/.test(pattern))).toEqual(
      [],
    );
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3/**/*.node');
  });

  it('packs the screens, the main process, the preload and shared/node, and leaves the server and CLI out', () => {
    const files = (config.files as Array<{ filter: string[] }>)[0]!.filter;
    // electron-builder's own matcher, as used when it copies the app into app.asar.
    const root = process.cwd();
    const packed = new FileMatcher(root, '/app', (pattern) => pattern, files).createFilter();
    // Any plain file's stat: the filter only asks whether the path is a folder.
    const file = statSync('package.json');
    const isPacked = (path: string) => packed(`${root}/${path}`, file);
    for (const path of [
      'package.json',
      'dist/renderer/index.html',
      'dist/renderer/assets/index-abc123.js',
      'dist/electron/main/index.js',
      'dist/electron/preload/index.cjs',
      'dist/electron/printing/ticket-raster.js',
      'dist/shared/node/package-paths.js',
      'dist/shared/domain/text.js',
    ]) {
      expect(isPacked(path), path).toBe(true);
    }
    for (const path of ['dist/server/app.js', 'dist/cli/index.js', 'dist/electron/main/index.js.map', 'cli/index.ts']) {
      expect(isPacked(path), path).toBe(false);
    }
  });

  it('copies the fonts to where the installed kiosk looks for them (process.resourcesPath/fonts)', () => {
    // fontsDir() outside Electron is build/fonts: the folder copied, and its destination is the one fontsDir() reads.
    const fontsFrom = relative(process.cwd(), fontsDir({ resourcesPath: undefined })).replaceAll('\\', '/');
    expect(config.extraResources).toEqual([{ from: fontsFrom, to: PACKAGED_FONTS_FOLDER }]);
  });

  it('builds a per-machine NSIS installer and a Linux AppImage and deb', () => {
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: true });
    expect(config.win?.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.deb?.depends).toBeUndefined();
  });
});
