import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { PACKAGED_FONTS_FOLDER, fontsDir, packageRoot, rendererDir } from '../../../shared/node/package-paths.ts';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** A hailong package root as it is in a checkout: package.json, build/fonts, and the module at `modulePath`. */
function fakeRoot(root: string, modulePath: string): string {
  mkdirSync(join(root, 'build', 'fonts'), { recursive: true });
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'hailong', type: 'module' }));
  const file = join(root, modulePath);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, '');
  return pathToFileURL(file).href;
}

describe('the package paths resolver', () => {
  it('finds the real fonts, package root and screens folder of this checkout', () => {
    const root = packageRoot();
    expect(existsSync(join(root, 'package.json'))).toBe(true);
    expect(fontsDir()).toBe(join(root, 'build', 'fonts'));
    expect(existsSync(join(fontsDir(), 'LiberationSans-Regular.ttf'))).toBe(true);
    expect(existsSync(join(fontsDir(), 'LiberationSerif-Regular.ttf'))).toBe(true);
    expect(rendererDir()).toBe(join(root, 'dist', 'renderer'));
  });

  it('resolves a source layout to build/fonts at the root', () => {
    const root = tempDir('hailong-src-');
    const from = fakeRoot(root, 'shared/node/package-paths.ts');
    expect(packageRoot({ from })).toBe(root);
    expect(fontsDir({ from, resourcesPath: undefined })).toBe(join(root, 'build', 'fonts'));
    expect(rendererDir({ from })).toBe(join(root, 'dist', 'renderer'));
  });

  it('resolves a dist layout to build/fonts at the root, past a package.json inside dist/', () => {
    const root = tempDir('hailong-dist-');
    const from = fakeRoot(root, 'dist/shared/node/package-paths.js');
    writeFileSync(join(root, 'dist', 'package.json'), '{"type":"module"}');
    expect(packageRoot({ from })).toBe(root);
    expect(fontsDir({ from, resourcesPath: undefined })).toBe(join(root, 'build', 'fonts'));
    expect(rendererDir({ from })).toBe(join(root, 'dist', 'renderer'));
  });

  it('resolves the installed kiosk’s fonts to <resources>/fonts, where electron-builder copies them', () => {
    // resources/app.asar (a folder here) holds package.json and dist/, but no build/ folder.
    const resources = join(tempDir('hailong-packaged-'), 'resources');
    const app = join(resources, 'app.asar');
    mkdirSync(join(resources, PACKAGED_FONTS_FOLDER), { recursive: true });
    mkdirSync(join(app, 'dist', 'shared', 'node'), { recursive: true });
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'hailong' }));
    const from = pathToFileURL(join(app, 'dist', 'shared', 'node', 'package-paths.js')).href;
    expect(fontsDir({ from, resourcesPath: resources })).toBe(join(resources, 'fonts'));
    expect(packageRoot({ from })).toBe(app);
    expect(rendererDir({ from })).toBe(join(app, 'dist', 'renderer'));
  });

  it('uses build/fonts under `electron .` from a checkout, whose resourcesPath has no fonts', () => {
    const root = tempDir('hailong-dev-electron-');
    const from = fakeRoot(root, 'dist/shared/node/package-paths.js');
    const electronResources = tempDir('electron-resources-');
    expect(fontsDir({ from, resourcesPath: electronResources })).toBe(join(root, 'build', 'fonts'));
  });

  it('explains in Vietnamese when the fonts or the package cannot be found', () => {
    const lonely = tempDir('hailong-nothing-');
    const from = pathToFileURL(join(lonely, 'package-paths.js')).href;
    expect(() => fontsDir({ from, resourcesPath: undefined })).toThrow(/Không tìm thấy thư mục phông chữ/);
    expect(() => packageRoot({ from })).toThrow(/Không tìm thấy thư mục gốc/);
    // Someone else's package.json is not hailong's root.
    writeFileSync(join(lonely, 'package.json'), JSON.stringify({ name: 'other' }));
    expect(() => packageRoot({ from })).toThrow(/Không tìm thấy thư mục gốc/);
  });
});
