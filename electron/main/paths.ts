import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const twoUp = resolve(here, '../..');
/** The app root: three levels up from dist/electron/main (built, packaged), two from source. */
export const APP_ROOT = basename(twoUp) === 'dist' ? dirname(twoUp) : twoUp;
/** The built screens, served as app://kiosk. */
export const RENDERER_DIR = join(APP_ROOT, 'dist', 'renderer');
/** The preload, bundled to CommonJS by scripts/build-preload.mjs (a sandboxed preload cannot load ESM). */
export const PRELOAD_PATH = join(APP_ROOT, 'dist', 'electron', 'preload', 'index.cjs');
