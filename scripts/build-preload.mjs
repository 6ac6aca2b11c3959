// A sandboxed preload can only require('electron'), so it is bundled into one CommonJS file.
import { build } from 'esbuild';

await build({
  entryPoints: ['electron/preload/index.ts'],
  outfile: 'dist/electron/preload/index.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['electron'],
  logLevel: 'warning',
});
