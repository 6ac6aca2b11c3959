import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { KIOSK_DB_FILE } from '../../../electron/core/kiosk-core.ts';
import { tempDir } from '../../support/core-fixtures.ts';

const WRITER = join(import.meta.dirname, '../../support/core-rating-writer.ts');
const ROUNDS = 10;

const { dir, cleanup } = tempDir('hailong-sigkill-');
afterAll(cleanup);

/** Starts the writer, lets it record for a random while, kills it, returns the ids it acknowledged. */
function writeThenKill(): Promise<{ acknowledged: string[]; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      if (timer === undefined && stdout.startsWith('ready\n')) {
        timer = setTimeout(() => child.kill('SIGKILL'), 30 + Math.random() * 400);
      }
    });
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') {
        reject(new Error(`writer stopped by itself (${String(signal)}): ${stderr}`));
        return;
      }
      // Only whole lines are acknowledgements; drop anything after the last newline.
      const lines = stdout.slice(0, stdout.lastIndexOf('\n')).split('\n');
      resolve({ acknowledged: lines.filter((line) => line !== 'ready'), stderr });
    });
  });
}

describe('kiosk core killed with SIGKILL while recording ratings', () => {
  it(`loses no acknowledged rating and stays intact over ${ROUNDS} kills`, async () => {
    const everAcknowledged = new Set<string>();
    for (let round = 1; round <= ROUNDS; round += 1) {
      const { acknowledged } = await writeThenKill();
      for (const id of acknowledged) everAcknowledged.add(id);

      const db = new Database(join(dir, KIOSK_DB_FILE));
      try {
        expect(db.pragma('integrity_check', { simple: true }), `round ${round}`).toBe('ok');
        const ratingIds = new Set(db.prepare<[], string>('SELECT id FROM ratings').pluck().all());
        const eventIds = new Set(
          db.prepare<[], string>("SELECT id FROM events WHERE type = 'rating.submitted'").pluck().all(),
        );
        const missing = [...everAcknowledged].filter((id) => !ratingIds.has(id) || !eventIds.has(id));
        expect(missing, `round ${round}: acknowledged but lost`).toEqual([]);
        // Rating and event never part: the same set on both sides, whatever the moment of the kill.
        expect(eventIds.size).toBe(ratingIds.size);
        const seqs = db.prepare<[], number>('SELECT seq FROM events ORDER BY seq').pluck().all();
        expect(seqs).toEqual(seqs.map((_, i) => i + 1));
      } finally {
        db.close();
      }
    }
    // The kills must have landed while ratings were being written, or the test proves nothing.
    expect(everAcknowledged.size).toBeGreaterThan(ROUNDS);
  }, 180_000);
});
