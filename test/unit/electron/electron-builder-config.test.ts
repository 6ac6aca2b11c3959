import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';

// Checked against electron-builder's own schema; packaging itself cannot run here (no network).
const config = await getConfig(process.cwd(), 'build/electron-builder.yml', null);

describe('build/electron-builder.yml', () => {
  it("passes electron-builder's schema", async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('names the app and packs only the built files', () => {
    expect(config).toMatchObject({ appId: 'vn.hailong.kiosk', productName: 'hailong', asar: true, npmRebuild: true });
    // getConfig normalises the list into one filter set.
    const files = (config.files as Array<{ filter: string[] }>)[0]!.filter;
    expect(files).toEqual(expect.arrayContaining(['package.json', 'dist/**/*', '!dist/**/*.map']));
    expect(files.filter((pattern) => !pattern.startsWith('!') && !/^(dist\/|package\.json$)/.test(pattern))).toEqual(
      [],
    );
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3/**/*.node');
    expect(config.extraResources).toEqual([{ from: 'build/fonts', to: 'fonts' }]);
  });

  it('builds a per-machine NSIS installer and a Linux AppImage and deb', () => {
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: true });
    expect(config.win?.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.deb?.depends).toBeUndefined();
  });
});
