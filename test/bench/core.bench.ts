// Kiosk core figures: memory growth over 100,000 ratings, and the insert p99 with 1,000,000
// rows already stored, beside the bare durable insert on the same disk with the same PRAGMAs.
// Each part runs in its own child process so one part's heap never colours the other's.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { KIOSK_DB_FILE, KioskCore } from '../../electron/core/kiosk-core.ts';
import { Outbox } from '../../electron/core/outbox.ts';
import { toVietnamIso } from '../../shared/domain/vietnam-time.ts';
import { printFigure, quantile, round, type Figure } from './figure.ts';

const THIS_FILE = fileURLToPath(import.meta.url);
const ROOT = resolve(import.meta.dirname, '../..');
const MEMORY_RATINGS = 100_000;
const PREFILL_ROWS = 1_000_000;
const TIMED_INSERTS = 5_000;
const LEVELS = ['tot', 'kha', 'trung_binh', 'kem'] as const;
const MB = 1024 * 1024;

type Part = 'memory' | 'insert';

export async function benchCore(): Promise<Figure[]> {
  const memory = await runPart('memory');
  const insert = await runPart('insert');
  return [...memory, ...insert];
}

/** Runs one part in a child with --expose-gc, so heap figures are taken after a real collection. */
function runPart(part: Part): Promise<Figure[]> {
  return new Promise((resolvePart, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', THIS_FILE, part], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`core bench part ${part} exited with ${String(code)}`));
        return;
      }
      const last = stdout.trimEnd().split('\n').at(-1) ?? '[]';
      resolvePart(JSON.parse(last) as Figure[]);
    });
  });
}

function tempDataDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'hailong-bench-core-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function collect(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
}

async function memoryPart(): Promise<Figure[]> {
  const { dir, cleanup } = tempDataDir();
  const core = new KioskCore({ dataDir: dir });
  try {
    await core.seedDemo();
    const submit = (i: number) =>
      core.ratings.submit({ counterId: 'q-1', level: LEVELS[i % 4]!, ticketId: undefined, walkUpIntervalMs: 0 });
    // Warm up statements, the page cache and the JIT before the first reading.
    for (let i = 0; i < 2_000; i += 1) submit(i);
    collect();
    const before = process.memoryUsage();
    for (let i = 0; i < MEMORY_RATINGS / 2; i += 1) submit(i);
    collect();
    const half = process.memoryUsage();
    for (let i = MEMORY_RATINGS / 2; i < MEMORY_RATINGS; i += 1) submit(i);
    collect();
    const after = process.memoryUsage();
    const note = (globalThis as { gc?: unknown }).gc ? 'after gc' : 'no gc available';
    // SQLite's page cache fills up to its cap while the file grows; that part is bounded, not a leak.
    const cacheMb = round(Math.abs(core.db.pragma('cache_size', { simple: true }) as number) / 1024, 1);
    return [
      {
        name: `kiosk core RSS growth after ${MEMORY_RATINGS} ratings (${note})`,
        value: round((after.rss - before.rss) / MB, 1),
        unit: 'MB',
        goal: 20,
        better: 'lower',
        baseline: `includes SQLite page cache filling to its cap of ${cacheMb} MB`,
      },
      {
        name: `kiosk core RSS growth over the second ${MEMORY_RATINGS / 2} ratings (leak slope)`,
        value: round((after.rss - half.rss) / MB, 1),
        unit: 'MB',
        better: 'lower',
      },
      {
        name: `kiosk core heap growth after ${MEMORY_RATINGS} ratings (${note})`,
        value: round((after.heapUsed - before.heapUsed) / MB, 1),
        unit: 'MB',
        goal: 20,
        better: 'lower',
      },
    ];
  } finally {
    core.close();
    cleanup();
  }
}

/**
 * Runs `fill` on the file in one transaction without a journal or fsync: only the setup is
 * fast; every timed insert afterwards runs with the kiosk's own WAL + synchronous=FULL.
 */
function fastFill(file: string, fill: (db: Database.Database) => void): void {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = DELETE');
    db.pragma('synchronous = OFF');
    db.transaction(() => fill(db))();
  } finally {
    db.close();
  }
}

/** Fills ratings and events with plain INSERTs: six months at one centre, many times over. */
function prefill(db: Database.Database, rows: number): void {
  const insertRating = db.prepare(
    `INSERT INTO ratings (id, occurred_at, officer_id, agency_id, counter_id, ticket_id, level, misuse)
     VALUES (?, ?, ?, ?, ?, ?, ?, 0)`,
  );
  const insertEvent = db.prepare('INSERT INTO events (seq, id, type, occurred_at, body) VALUES (?, ?, ?, ?, ?)');
  const firstSeq = db.prepare<[], number>('SELECT coalesce(max(seq), 0) + 1 FROM events').pluck().get()!;
  const start = Date.now() - 180 * 86_400_000;
  const step = (180 * 86_400_000) / rows;
  for (let i = 0; i < rows; i += 1) {
    const id = Outbox.newId();
    const occurredAt = toVietnamIso(new Date(start + i * step));
    const counterId = `q-${(i % 6) + 1}`;
    const ticketId = i % 4 === 0 ? null : `t-${i}`;
    const level = LEVELS[i % 4]!;
    insertRating.run(id, occurredAt, 'cb-001', 'ag-11', counterId, ticketId, level);
    const seq = firstSeq + i;
    const body = JSON.stringify({
      id,
      type: 'rating.submitted',
      occurredAt,
      officerId: 'cb-001',
      agencyId: 'ag-11',
      counterId,
      ...(ticketId !== null && { ticketId }),
      level,
      seq,
    });
    insertEvent.run(seq, id, 'rating.submitted', occurredAt, body);
  }
}

function timeOne(run: () => void): number {
  const t0 = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** The bare durable insert: one autocommit INSERT into a table like ratings, same PRAGMAs, same row count. */
function openBareInsert(dir: string): { insert: (i: number) => void; close: () => void } {
  const file = join(dir, 'bare.db');
  const insertSql = `INSERT INTO ratings (id, occurred_at, officer_id, agency_id, counter_id, ticket_id, level, misuse)
       VALUES (?, ?, 'cb-001', 'ag-11', 'q-1', ?, ?, 0)`;
  fastFill(file, (fill) => {
    fill.exec(`CREATE TABLE ratings (
        id TEXT PRIMARY KEY, occurred_at TEXT NOT NULL, officer_id TEXT NOT NULL, agency_id TEXT NOT NULL,
        counter_id TEXT, ticket_id TEXT UNIQUE, level TEXT NOT NULL, reasons TEXT,
        misuse INTEGER NOT NULL DEFAULT 0 CHECK (misuse IN (0, 1))
      ) STRICT;
      CREATE INDEX ratings_walk_up ON ratings (counter_id, occurred_at) WHERE ticket_id IS NULL;`);
    const insert = fill.prepare(insertSql);
    const start = Date.now() - 180 * 86_400_000;
    for (let i = 0; i < PREFILL_ROWS; i += 1) {
      insert.run(
        Outbox.newId(),
        toVietnamIso(new Date(start + i * 15_000)),
        i % 4 === 0 ? null : `t-${i}`,
        LEVELS[i % 4]!,
      );
    }
  });
  const db = new Database(file);
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  const insert = db.prepare(insertSql);
  return {
    insert: (i) => void insert.run(Outbox.newId(), toVietnamIso(new Date()), null, LEVELS[i % 4]!),
    close: () => db.close(),
  };
}

async function insertPart(): Promise<Figure[]> {
  const { dir, cleanup } = tempDataDir();
  const bareInsert = openBareInsert(dir);
  const seeding = new KioskCore({ dataDir: dir });
  await seeding.seedDemo();
  seeding.close();
  fastFill(join(dir, KIOSK_DB_FILE), (db) => prefill(db, PREFILL_ROWS));
  const core = new KioskCore({ dataDir: dir });
  try {
    const submit = (i: number) =>
      core.ratings.submit({ counterId: 'q-1', level: LEVELS[i % 4]!, ticketId: undefined, walkUpIntervalMs: 0 });
    // Alternated one for one, so both series see the same disk and the same machine load.
    const samples: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < 200; i += 1) {
      submit(i);
      bareInsert.insert(i);
    }
    for (let i = 0; i < TIMED_INSERTS; i += 1) {
      samples.push(timeOne(() => submit(i)));
      bare.push(timeOne(() => bareInsert.insert(i)));
    }
    const bareP99 = round(quantile(bare, 0.99));
    const bareP50 = round(quantile(bare, 0.5));
    const rows = PREFILL_ROWS.toLocaleString('en-US');
    return [
      {
        name: `ratings.submit p99 with ${rows} rows stored (${TIMED_INSERTS} timed)`,
        value: round(quantile(samples, 0.99)),
        unit: 'ms',
        goal: 2,
        better: 'lower',
        baseline: `bare durable insert p99 ${bareP99} ms`,
      },
      {
        name: `ratings.submit p50 with ${rows} rows stored`,
        value: round(quantile(samples, 0.5)),
        unit: 'ms',
        better: 'lower',
        baseline: `bare durable insert p50 ${bareP50} ms`,
      },
      {
        name: `bare durable insert p99 with ${rows} rows (better-sqlite3, WAL, synchronous=FULL)`,
        value: bareP99,
        unit: 'ms',
        better: 'lower',
      },
    ];
  } finally {
    core.close();
    bareInsert.close();
    cleanup();
  }
}

// As a child: `node --expose-gc --import tsx core.bench.ts memory|insert` prints its figures as
// one JSON array line. Run without a part, it runs both and prints one figure per line.
if (process.argv[1] && resolve(process.argv[1]) === THIS_FILE) {
  const part = process.argv[2];
  if (part === 'memory' || part === 'insert') {
    const figures = part === 'memory' ? await memoryPart() : await insertPart();
    console.log(JSON.stringify(figures));
  } else {
    for (const figure of await benchCore()) printFigure(figure);
  }
}
