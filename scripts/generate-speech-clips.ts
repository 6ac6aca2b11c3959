/**
 * Synthesises the announcement clips (shared/domain/announcement-clips.ts) with Debian's
 * espeak-ng Vietnamese voice and sox, into renderer/src/speech/clips/<id>.ogg. The clips are
 * committed, so neither the build nor CI needs these tools; run this only to change the words:
 *
 *   apt-get install -y espeak-ng sox && npx tsx scripts/generate-speech-clips.ts
 *
 * Each clip is mono 16 kHz Ogg Vorbis at low quality with its leading and trailing silence cut,
 * so words placed one after another sound like one sentence and the folder stays small.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLIP_IDS, CLIP_TEXT } from '../shared/domain/announcement-clips.ts';

const outDir = fileURLToPath(new URL('../renderer/src/speech/clips/', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'hailong-clips-'));
mkdirSync(outDir, { recursive: true });
let total = 0;
try {
  for (const id of CLIP_IDS) {
    const wav = join(work, `${id}.wav`);
    const ogg = join(outDir, `${id}.ogg`);
    // -s words per minute: a little slower than espeak's default, for a hall with echo.
    execFileSync('espeak-ng', ['-v', 'vi', '-s', '140', '-w', wav, CLIP_TEXT[id].normalize('NFC')]);
    // Trim silence at both ends, then a short tail so words do not run into each other.
    execFileSync('sox', [
      '-V1',
      wav,
      '-r',
      '16000',
      '-c',
      '1',
      '-C',
      '0',
      ogg,
      'silence',
      '1',
      '0.02',
      '0.5%',
      'reverse',
      'silence',
      '1',
      '0.02',
      '0.5%',
      'reverse',
      'pad',
      '0',
      '0.06',
      'norm',
      '-1',
    ]);
    total += statSync(ogg).size;
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(`${String(CLIP_IDS.length)} clips, ${String(Math.round(total / 1024))} KB in ${outDir}`);
