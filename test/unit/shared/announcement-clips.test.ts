import { existsSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLIP_IDS, CLIP_TEXT, labelClips } from '../../../shared/domain/announcement-clips.ts';
import { numberWordList } from '../../../shared/domain/vietnamese-number-words.ts';

const clipFile = (id: string) => new URL(`../../../renderer/src/speech/clips/${id}.ogg`, import.meta.url);

describe('announcement clips', () => {
  it('every clip is committed as a small Ogg file, the whole set under 300 KB', () => {
    let total = 0;
    for (const id of CLIP_IDS) {
      expect(existsSync(clipFile(id)), id).toBe(true);
      expect(readFileSync(clipFile(id)).subarray(0, 4).toString('latin1'), id).toBe('OggS');
      total += statSync(clipFile(id)).size;
    }
    expect(total).toBeLessThan(300 * 1024);
  });

  it('every number up to 9999 can be said with clips, one clip per word', () => {
    for (let n = 0; n <= 9999; n += 1) {
      const clips = labelClips(String(n));
      expect(clips, String(n)).not.toBeNull();
      expect(
        clips!.map((id) => CLIP_TEXT[id]),
        String(n),
      ).toEqual(numberWordList(n));
    }
  });

  it('a word with no clip gives null, so another voice reads it', () => {
    expect(labelClips('Quầy lễ tân')).toBeNull();
  });
});
