import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The bundled fonts live in build/fonts at the package root. This file runs as
 * server/reports/export/fonts.ts from source (tsx, vitest) and as
 * dist/server/reports/export/fonts.js after a build, so walk up to the folder that has a
 * package.json and the fonts instead of counting "../" segments.
 */
export function fontDirectory(start: string = import.meta.url): string {
  let directory = dirname(fileURLToPath(start));
  for (;;) {
    const candidate = join(directory, 'build', 'fonts');
    if (existsSync(join(directory, 'package.json')) && existsSync(candidate)) return candidate;
    const parent = dirname(directory);
    if (parent === directory) {
      throw new Error('Không tìm thấy thư mục phông chữ build/fonts của hailong; hãy cài đặt lại phần mềm.');
    }
    directory = parent;
  }
}

/** Liberation Serif: metric-compatible with Times New Roman, full Vietnamese. */
export function serifFontFiles(): { regular: string; bold: string } {
  const directory = fontDirectory();
  return {
    regular: join(directory, 'LiberationSerif-Regular.ttf'),
    bold: join(directory, 'LiberationSerif-Bold.ttf'),
  };
}
