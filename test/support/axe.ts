import { resolve } from 'node:path';
import type { Page } from 'playwright-core';

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}
type AxeWindow = Window & { axe: { run(context: Document): Promise<{ violations: AxeViolation[] }> } };

const AXE_PATH = resolve('node_modules/axe-core/axe.min.js');

/**
 * Serious and critical axe-core findings on the page, as readable lines. axe-core is injected
 * as a script the app's CSP rightly refuses, so the page's context must be opened with bypassCSP.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE_PATH });
  const { violations } = await page.evaluate(() => (window as unknown as AxeWindow).axe.run(document));
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
