import { packageRoot, rendererDir } from '../shared/node/package-paths.ts';

/** The package root and the built screens, from the one resolver in shared/node. */
export const PACKAGE_ROOT = packageRoot();
export const RENDERER_DIR = rendererDir();
