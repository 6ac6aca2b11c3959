import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { KIOSK_DB_FILE, KioskCore, type KioskCoreOptions } from '../../electron/core/kiosk-core.ts';

/** A temp folder removed by the returned cleanup; every test gets its own. */
export function tempDir(prefix = 'hailong-core-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A clock the test moves by hand; starts at 09:00 Vietnam time on 28/11/2026. */
export class FakeClock {
  private ms: number;
  constructor(start = '2026-11-28T02:00:00.000Z') {
    this.ms = Date.parse(start);
  }
  readonly now = (): Date => new Date(this.ms);
  advance(ms: number): void {
    this.ms += ms;
  }
}

export interface DemoCore {
  core: KioskCore;
  clock: FakeClock;
  dir: string;
  dbFile: string;
  close: () => void;
}

/** A KioskCore on a fresh data folder with the demo seed (cb-001 on duty at q-1, PIN 1234). */
export async function demoCore(options: Partial<KioskCoreOptions> = {}): Promise<DemoCore> {
  const { dir, cleanup } = tempDir();
  const clock = new FakeClock();
  const core = new KioskCore({ dataDir: dir, now: clock.now, ...options });
  await core.seedDemo();
  return {
    core,
    clock,
    dir,
    dbFile: join(dir, KIOSK_DB_FILE),
    close: () => {
      core.close();
      cleanup();
    },
  };
}

/** Row count of a table, read through the core's own connection. */
export function countRows(core: KioskCore, table: 'ratings' | 'events' | 'duty' | 'pin_attempts'): number {
  return core.db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()!.n;
}

/** Opens a kiosk database file read-only, as a technician's tool would after a crash. */
export function openReadOnly(file: string): Database.Database {
  return new Database(file, { readonly: true, fileMustExist: true });
}

/**
 * A ticket taken, called and finished at the counter by the officer on duty there, so a rating
 * may carry its id (a rating on a ticket is credited to the officer who finished it).
 */
export async function servedTicket(core: KioskCore, counterId = 'q-1', serviceId = 'dv-chung-thuc'): Promise<string> {
  await core.queue.takeNumber(serviceId);
  // The call takes the longest-waiting ticket, which after a crash may be an older one.
  const called = await core.queue.callNext(counterId);
  core.queue.finish(counterId, called.ticketId);
  return called.ticketId;
}
