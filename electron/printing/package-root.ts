import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding package.json, found by walking up from a module's URL, so the same
 * code finds build/fonts whether it runs from source (electron/printing) or from dist/.
 */
export function findPackageRoot(fromUrl: string): string {
  let dir = dirname(fileURLToPath(fromUrl));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Không tìm thấy thư mục gốc của ứng dụng (package.json) từ ${fromUrl}`);
    dir = parent;
  }
}
