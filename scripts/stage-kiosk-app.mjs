// The kiosk installer's app folder (issue 12 §3): electron-builder packs dist/kiosk-app, not the
// repository, so the installer carries only what the kiosk runs: the bundled main process and
// core worker, the preload, the screens, and the native modules the bundle leaves external
// (read from its metafile) with what they need. Never the server's fastify, pg, kysely,
// exceljs, docx or pdfkit. Run by `npm run package` after `npm run build`.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, readdirSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const packageName = (specifier) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

/** The packages the main bundle imports at run time (externals), Electron itself aside. */
export function runtimeExternals(root) {
  const meta = readJson(join(root, 'dist/electron/main/meta.json'));
  const names = new Set();
  for (const output of Object.values(meta.outputs)) {
    for (const imported of output.imports) {
      if (!imported.external || imported.path.startsWith('node:') || builtinModules.includes(imported.path)) continue;
      const name = packageName(imported.path);
      if (name !== 'electron') names.add(name);
    }
  }
  return [...names].sort();
}

/** The externals and everything they depend on that is installed (optional platform binaries included). */
export function dependencyClosure(root, names) {
  const found = new Set();
  const visit = (name) => {
    if (found.has(name) || !existsSync(join(root, 'node_modules', name, 'package.json'))) return;
    found.add(name);
    const manifest = readJson(join(root, 'node_modules', name, 'package.json'));
    for (const dep of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) visit(dep);
  };
  names.forEach(visit);
  return [...found].sort();
}

function folderBytes(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, name) => sum + folderBytes(join(path, name)), 0);
}

/** Writes the app folder; returns what it holds and how big it is. */
export function stageKioskApp(root, outDir) {
  const project = readJson(join(root, 'package.json'));
  const externals = runtimeExternals(root);
  const modules = dependencyClosure(root, externals);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  for (const folder of ['dist/electron', 'dist/shared', 'dist/renderer']) {
    cpSync(join(root, folder), join(outDir, folder), {
      recursive: true,
      filter: (source) => !source.endsWith('.map') && !source.endsWith('meta.json'),
    });
  }
  for (const name of modules) {
    cpSync(join(root, 'node_modules', name), join(outDir, 'node_modules', name), {
      recursive: true,
      dereference: true,
    });
  }
  const manifest = {
    name: project.name,
    version: project.version,
    description: project.description,
    type: project.type,
    main: project.main,
    dependencies: Object.fromEntries(externals.map((name) => [name, project.dependencies[name]])),
  };
  writeFileSync(join(outDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const bytes = (path) => folderBytes(join(outDir, path));
  return {
    dependencies: externals,
    modules,
    bytes: {
      total: folderBytes(outDir),
      bundle: bytes('dist/electron/main') + bytes('dist/electron/preload'),
      renderer: bytes('dist/renderer'),
      nodeModules: modules.length === 0 ? 0 : bytes('node_modules'),
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = process.cwd();
  const staged = stageKioskApp(root, join(root, 'dist/kiosk-app'));
  const mb = (n) => `${(n / 1_000_000).toFixed(1)} MB`;
  console.log(
    `dist/kiosk-app: ${mb(staged.bytes.total)} (main + worker + preload ${mb(staged.bytes.bundle)}, ` +
      `screens ${mb(staged.bytes.renderer)}, node_modules ${mb(staged.bytes.nodeModules)}: ${staged.modules.join(', ')})`,
  );
}
