import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LEVEL_TONES, levelTone } from '../../../shared/domain/level-colours.ts';
import { levelColour } from '../../../renderer/console/src/components/StackedBars.tsx';

const ratingCss = readFileSync(join(import.meta.dirname, '../../../renderer/src/styles/rating.css'), 'utf8');

describe('one colour per rating level across kiosk and console', () => {
  it('the kiosk buttons use exactly the shared tones', () => {
    for (const tone of LEVEL_TONES) {
      const rule = new RegExp(`\\.tone-${tone.name}\\s*\\{([^}]*)\\}`).exec(ratingCss)?.[1] ?? '';
      expect(rule, `.tone-${tone.name}`).toContain(`background: ${tone.background};`);
      expect(rule, `.tone-${tone.name}`).toContain(`color: ${tone.ink};`);
    }
  });

  it('Khá is the same green in the console as on the kiosk, and a 3-level scale keeps its ends', () => {
    expect(levelColour(1, 4)).toBe(LEVEL_TONES[1].background);
    expect(levelColour(1, 4)).toBe('#a6dca0');
    expect([0, 1, 2, 3].map((index) => levelColour(index, 4))).toEqual(LEVEL_TONES.map((tone) => tone.background));
    expect(levelTone(0, 3).tone.name).toBe('best');
    expect(levelTone(2, 3).tone.name).toBe('poor');
  });
});
