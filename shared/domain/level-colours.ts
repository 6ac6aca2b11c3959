/**
 * One colour per rating level across the kiosk, the console and anything else that colours a
 * level (issue 10: `Khá` was blue in the console and green on the kiosk). By position on the
 * scale, best to worst, so a 3- or 5-level scale gets the same ends. Each background pairs with
 * an ink at WCAG AA for the kiosk's large bold labels; renderer/src/styles/rating.css carries
 * the same values as classes `tone-<name>` (a unit test keeps them equal).
 */
export const LEVEL_TONES = [
  { name: 'best', background: '#17692f', ink: '#ffffff' },
  { name: 'good', background: '#a6dca0', ink: '#0d2b12' },
  { name: 'fair', background: '#f6b93b', ink: '#2a1c00' },
  { name: 'poor', background: '#b3261e', ink: '#ffffff' },
] as const;
export type LevelTone = (typeof LEVEL_TONES)[number];

/** The tone of the level at `index` (0 = best) on a scale of `count` levels, and its 0–1 position. */
export function levelTone(index: number, count: number): { tone: LevelTone; position: number } {
  const position = count > 1 ? index / (count - 1) : 0;
  const tone = LEVEL_TONES[Math.round(position * (LEVEL_TONES.length - 1))] ?? LEVEL_TONES[0];
  return { tone, position };
}
