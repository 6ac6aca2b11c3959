import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { serifFontFiles } from '../../../server/reports/export/fonts.ts';

// Where the fonts are found in each layout (source, dist/, installed) is tested in test/unit/node/package-paths.test.ts.
describe('bundled PDF fonts', () => {
  it('are found from the source tree', () => {
    const fonts = serifFontFiles();
    expect(existsSync(fonts.regular)).toBe(true);
    expect(existsSync(fonts.bold)).toBe(true);
  });
});
