import { join } from 'node:path';
import { packageRoot, rendererDir } from '../../shared/node/package-paths.ts';

/** The built screens, served as app://kiosk (dist/renderer, inside app.asar when installed). */
export const RENDERER_DIR = rendererDir();
/** The preload, bundled to CommonJS by scripts/build-preload.mjs (a sandboxed preload cannot load ESM). */
export const PRELOAD_PATH = join(packageRoot(), 'dist', 'electron', 'preload', 'index.cjs');
