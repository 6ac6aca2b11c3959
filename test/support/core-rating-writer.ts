/**
 * Child process for the SIGKILL durability test: opens a kiosk core in the data folder given
 * as the first argument and records ratings as fast as it can, printing each rating id only
 * after `ratings.submit` has returned (the kiosk's acknowledgement). Run with `node --import tsx`.
 */
import { writeSync } from 'node:fs';
import { DEMO_QUEUE_CONFIG } from '../../shared/domain/queue-config.ts';
import { KioskCore } from '../../electron/core/kiosk-core.ts';
import { servedTicket } from './core-fixtures.ts';

const dataDir = process.argv[2];
if (!dataDir) {
  console.error('Cách dùng: core-rating-writer.ts DATA_DIR');
  process.exit(2);
}

const core = new KioskCore({ dataDir });
await core.seedDemo();
// Ten rounds of fast writing in one day: room for every ticket the rounds serve.
core.queueStore.apply({
  ...DEMO_QUEUE_CONFIG,
  services: DEMO_QUEUE_CONFIG.services.map((s) => ({ ...s, start: 1, end: 999_999, dailyCap: 100_000 })),
});
// A kill between a call and its finish leaves that ticket at the counter: finish it first.
if (core.queue.officerView('q-1').current) core.queue.finish('q-1');
const levels = ['tot', 'kha', 'trung_binh', 'kem'];
writeSync(1, 'ready\n');
for (let i = 0; ; i += 1) {
  // Some ratings carry a ticket, so both paths of submit are exercised under the kill.
  const ticketId = i % 4 === 0 ? await servedTicket(core) : undefined;
  const { ratingId } = core.ratings.submit({
    counterId: 'q-1',
    level: levels[i % levels.length]!,
    ticketId,
    walkUpIntervalMs: 0,
  });
  // One write per line, below the pipe's atomic size, so a kill never leaves half an id.
  writeSync(1, `${ratingId}\n`);
}
