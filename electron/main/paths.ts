import { join } from 'node:path';
import { packageRoot, rendererDir } from '../../shared/node/package-paths.ts';

/** The built screens, served as app://kiosk (dist/renderer, inside app.asar when installed). */
export const RENDERER_DIR = rendererDir();
/** The preload, bundled to CommonJS by scripts/build-preload.mjs (a sandboxed preload cannot load ESM). */
export const PRELOAD_PATH = join(packageRoot(), 'dist', 'electron', 'preload', 'index.cjs');

/**
 * The kiosk core's worker thread: bundled beside the bundled main (scripts/build-main.mjs);
 * from the TypeScript sources (unit tests), the .ts entry run through tsx.
 */
export const CORE_WORKER = import.meta.url.endsWith('.ts')
  ? { file: new URL('../core/worker/core-worker.ts', import.meta.url), tsx: true }
  : { file: new URL('./core-worker.mjs', import.meta.url), tsx: false };
