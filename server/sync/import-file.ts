import { createReadStream } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { SYNC_MAX_EVENTS } from '../../shared/contract/sync-protocol.ts';
import { hashToken, newToken } from '../auth/tokens.ts';
import type { Db } from '../db/database.ts';
import { HttpError } from '../http-error.ts';
import { insertDevice } from './devices.ts';
import { ingestEvents } from './ingest.ts';

export interface FileImportResult {
  deviceId: string;
  lines: number;
  accepted: number;
  duplicates: number;
  rejected: { line: number; id: string | null; reason: string }[];
}

/**
 * The device the file's events are credited to: an enrolled one by id, or a device record
 * named after the file (created once, with a token nobody holds, so it cannot sync).
 */
export async function importDevice(
  db: Db,
  file: string,
  options: { deviceId?: string; deviceName?: string },
  now: Date,
) {
  if (options.deviceId) {
    const device = await db.selectFrom('devices').select('id').where('id', '=', options.deviceId).executeTakeFirst();
    if (!device) throw new HttpError(404, 'not_found', `Không có thiết bị mã "${options.deviceId}" trên máy chủ.`);
    return device.id;
  }
  const name = options.deviceName ?? `Nhập từ tệp ${basename(file)}`;
  const existing = await db.selectFrom('devices').select('id').where('name', '=', name).executeTakeFirst();
  if (existing) return existing.id;
  const id = `import-${randomUUID()}`;
  await insertDevice(db, { id, name, tokenHash: hashToken(newToken()), createdAt: now });
  return id;
}

/** Loads a `hailong kiosk export` JSON-lines file through the same idempotent ingest as sync. */
export async function importEventsFile(
  db: Db,
  file: string,
  options: { deviceId?: string; deviceName?: string; now?: () => Date },
): Promise<FileImportResult> {
  const now = options.now ?? (() => new Date());
  const deviceId = await importDevice(db, file, options, now());
  const result: FileImportResult = { deviceId, lines: 0, accepted: 0, duplicates: 0, rejected: [] };
  let batch: unknown[] = [];
  let batchLines: number[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const outcome = await ingestEvents(db, deviceId, batch, now(), { lastSyncAt: now().toISOString() });
    result.accepted += outcome.accepted.length;
    result.duplicates += outcome.duplicates.length;
    for (const r of outcome.rejected) result.rejected.push({ line: batchLines[r.index]!, id: r.id, reason: r.reason });
    batch = [];
    batchLines = [];
  };
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) {
    result.lines += 1;
    if (line.trim() === '') continue;
    try {
      batch.push(JSON.parse(line));
      batchLines.push(result.lines);
    } catch {
      result.rejected.push({ line: result.lines, id: null, reason: 'Dòng không phải JSON hợp lệ.' });
      continue;
    }
    if (batch.length >= SYNC_MAX_EVENTS) await flush();
  }
  await flush();
  return result;
}
