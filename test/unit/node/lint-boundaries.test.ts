import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The import boundaries of eslint.config.js, checked on code written as if it were in each folder.
const eslint = new ESLint({ cwd: process.cwd() });

async function refusedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => /'([^']+)' import is restricted/.exec(message.message)?.[1] ?? message.message);
}

describe('the shared/node lint boundary', () => {
  // The first lint loads the TypeScript project for the type-aware rules; that alone takes seconds.
  beforeAll(async () => {
    await eslint.lintText('export {};\n', { filePath: 'shared/node/package-paths.ts' });
  }, 120_000);

  it('lets shared/node import Node built-ins, but not electron, renderer or server code', async () => {
    const code = [
      "import { readFileSync } from 'node:fs';",
      "import { app } from 'electron';",
      "import { createServer } from '../../server/app.ts';",
      "import { App } from '../../renderer/src/App.tsx';",
      "import { formatCount } from '../domain/text.ts';",
      'export const used = [readFileSync, app, createServer, App, formatCount, process.pid];',
    ].join('\n');
    expect(await refusedImports('shared/node/package-paths.ts', code)).toEqual([
      'electron',
      '../../server/app.ts',
      '../../renderer/src/App.tsx',
    ]);
  });

  it('keeps the rest of shared/ free of Node, shared/node included', async () => {
    const code = [
      "import { readFileSync } from 'node:fs';",
      "import { fontsDir } from '../node/package-paths.ts';",
      "import { nfc } from './text.ts';",
      'export const used = [readFileSync, fontsDir, nfc];',
    ].join('\n');
    expect(await refusedImports('shared/domain/text.ts', code)).toEqual(['node:fs', '../node/package-paths.ts']);
  });

  it('keeps shared/node out of the renderer', async () => {
    const code = [
      "import { fontsDir } from '../../shared/node/package-paths.ts';",
      "import { formatCount } from '../../shared/domain/text.ts';",
      'export const used = [fontsDir, formatCount];',
    ].join('\n');
    expect(await refusedImports('renderer/src/main.tsx', code)).toEqual(['../../shared/node/package-paths.ts']);
  });

  it('lets the kiosk core, the server and the CLI import shared/node', async () => {
    const code = "import { fontsDir } from '../../shared/node/package-paths.ts';\nexport const used = fontsDir;\n";
    expect(await refusedImports('electron/printing/ticket-raster.ts', code)).toEqual([]);
    expect(await refusedImports('server/console/static-routes.ts', code)).toEqual([]);
  });

  it('keeps the server free of the kiosk: nothing from electron/', async () => {
    const code = [
      "import { openDatabase } from '../../electron/core/database.ts';",
      "import { app } from 'electron';",
      "import { openSqliteFile } from '../../shared/node/sqlite-file.ts';",
      'export const used = [openDatabase, app, openSqliteFile];',
    ].join('\n');
    expect(await refusedImports('server/db/database.ts', code)).toEqual([
      '../../electron/core/database.ts',
      'electron',
    ]);
  });
});

describe('the kiosk core data-access boundary (issue 12 §3)', () => {
  async function sqlRefusals(filePath: string, code: string): Promise<number[]> {
    const [result] = await eslint.lintText(code, { filePath });
    return (result?.messages ?? [])
      .filter((message) => message.ruleId === 'no-restricted-syntax')
      .map((message) => message.line);
  }

  const code = [
    "import type { Db } from '../database.ts';",
    'export function touch(db: Db, self: { db: Db }): void {',
    "  db.prepare('SELECT 1').get();",
    "  self.db.exec('DELETE FROM settings');",
    "  db.pragma('user_version');",
    '  console.log(`UPDATE duty SET last_active_at = 1`);',
    "  console.log(/x/.exec('x'), 'Select a counter');",
    '}',
  ].join('\n');

  it('refuses SQL in the kiosk core outside electron/core/data, line by line', async () => {
    expect(await sqlRefusals('electron/core/queue/queue.ts', code)).toEqual([3, 3, 4, 4, 5, 6]);
  });

  it('lets electron/core/data and the migrations hold the SQL', async () => {
    expect(await sqlRefusals('electron/core/data/settings.ts', code)).toEqual([]);
    expect(await sqlRefusals('electron/core/migrations/0001-initial.ts', code)).toEqual([]);
  });
});
