import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { fontDirectory, serifFontFiles } from '../../../server/reports/export/fonts.ts';

const made: string[] = [];
afterEach(() => {
  for (const directory of made.splice(0)) rmSync(directory, { recursive: true, force: true });
});

describe('bundled PDF fonts', () => {
  it('are found from the source tree', () => {
    const fonts = serifFontFiles();
    expect(existsSync(fonts.regular)).toBe(true);
    expect(existsSync(fonts.bold)).toBe(true);
  });

  it('are found from a built dist/ file as well', () => {
    const root = mkdtempSync(join(tmpdir(), 'hailong-fonts-'));
    made.push(root);
    writeFileSync(join(root, 'package.json'), '{}');
    mkdirSync(join(root, 'build', 'fonts'), { recursive: true });
    const built = join(root, 'dist', 'server', 'reports', 'export');
    mkdirSync(built, { recursive: true });
    // A package.json inside dist/ without fonts must not stop the search.
    writeFileSync(join(root, 'dist', 'package.json'), '{"type":"module"}');
    expect(fontDirectory(pathToFileURL(join(built, 'fonts.js')).href)).toBe(join(root, 'build', 'fonts'));
  });

  it('explain in Vietnamese when they are missing', () => {
    const lonely = mkdtempSync(join(tmpdir(), 'hailong-nofonts-'));
    made.push(lonely);
    expect(() => fontDirectory(pathToFileURL(join(lonely, 'fonts.js')).href)).toThrow(/Không tìm thấy/);
  });
});
