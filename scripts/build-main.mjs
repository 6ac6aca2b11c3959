// Electron's main process and the kiosk core's worker, bundled (as the preload is) so the kiosk
// carries only what it runs. Native modules stay outside (they are loaded from node_modules,
// unpacked from app.asar). The metafile lets a test check no server code slipped in.
import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';

const result = await build({
  entryPoints: {
    index: 'electron/main/index.ts',
    'core-worker': 'electron/core/worker/core-worker.ts',
  },
  outdir: 'dist/electron/main',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['electron', 'better-sqlite3', '@napi-rs/canvas'],
  // CommonJS dependencies bundled into ESM still call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __hailongRequire } from 'node:module'; const require = __hailongRequire(import.meta.url);",
  },
  metafile: true,
  logLevel: 'warning',
});
writeFileSync('dist/electron/main/meta.json', JSON.stringify(result.metafile));
