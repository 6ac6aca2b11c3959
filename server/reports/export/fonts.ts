import { join } from 'node:path';
import { fontsDir } from '../../../shared/node/package-paths.ts';

/** Liberation Serif: metric-compatible with Times New Roman, full Vietnamese. */
export function serifFontFiles(): { regular: string; bold: string } {
  const directory = fontsDir();
  return {
    regular: join(directory, 'LiberationSerif-Regular.ttf'),
    bold: join(directory, 'LiberationSerif-Bold.ttf'),
  };
}
