import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The one way to find hailong's own files (fonts, built screens, compiled entries), for the
 * kiosk core, the printing code, the Electron main process, the server and the CLI alike.
 *
 * The same code runs from source (shared/node/package-paths.ts under tsx or vitest), from a
 * build (dist/shared/node/package-paths.js) and from the installed kiosk (the same file inside
 * resources/app.asar), so it walks up to the package root instead of counting "../" segments,
 * and never depends on the working folder.
 */

/** Folder under Electron's process.resourcesPath that build/electron-builder.yml copies build/fonts to. */
export const PACKAGED_FONTS_FOLDER = 'fonts';

const PACKAGE_NAME = 'hailong';

export interface PackagePathOptions {
  /** File URL the search starts from; this module by default. Tests pass a file of a fake layout. */
  from?: string;
  /**
   * Electron's process.resourcesPath (by default read from process; undefined under plain Node).
   * Native code such as the canvas cannot read inside app.asar, so the installed kiosk keeps its
   * fonts there, outside the archive.
   */
  resourcesPath?: string | undefined;
}

function isPackageRoot(dir: string): boolean {
  const manifest = join(dir, 'package.json');
  if (!existsSync(manifest)) return false;
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === PACKAGE_NAME;
  } catch {
    return false;
  }
}

/** The nearest folder at or above `from` that is hailong's package root and holds `asset` (if given). */
function findUp(from: string, asset?: string): string | null {
  let dir = dirname(fileURLToPath(from));
  for (;;) {
    if (isPackageRoot(dir) && (asset === undefined || existsSync(join(dir, asset)))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

function electronResourcesPath(): string | undefined {
  const value: unknown = Reflect.get(process, 'resourcesPath');
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The folder holding hailong's package.json (the source checkout, or app.asar when installed). */
export function packageRoot(options: PackagePathOptions = {}): string {
  const root = findUp(options.from ?? import.meta.url);
  if (root === null) {
    throw new Error('Không tìm thấy thư mục gốc của phần mềm hailong (package.json); hãy cài đặt lại phần mềm.');
  }
  return root;
}

/**
 * The bundled fonts (ticket and report text): <resourcesPath>/fonts in the installed kiosk, else
 * build/fonts at the package root. Under `electron .` from a checkout, resourcesPath is
 * Electron's own folder without fonts, so build/fonts is used there too.
 */
export function fontsDir(options: PackagePathOptions = {}): string {
  const resources = 'resourcesPath' in options ? options.resourcesPath : electronResourcesPath();
  if (resources !== undefined) {
    const packaged = join(resources, PACKAGED_FONTS_FOLDER);
    if (existsSync(packaged)) return packaged;
  }
  const root = findUp(options.from ?? import.meta.url, join('build', 'fonts'));
  if (root === null) {
    throw new Error('Không tìm thấy thư mục phông chữ build/fonts của hailong; hãy cài đặt lại phần mềm.');
  }
  return join(root, 'build', 'fonts');
}

/**
 * The screens built by Vite: dist/renderer at the package root. Returned even before a build,
 * so callers can tell the user to run `npm run build`.
 */
export function rendererDir(options: PackagePathOptions = {}): string {
  return join(packageRoot(options), 'dist', 'renderer');
}
