import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';

/** The package root, found from this compiled file (dist/cli) or its source (cli/). */
export const PACKAGE_ROOT = resolve(
  dirname(fileURLToPath(import.meta.url)),
  import.meta.url.includes('/dist/') ? '../..' : '..',
);
export const RENDERER_DIR = join(PACKAGE_ROOT, 'dist', 'renderer');
