import { DomainError } from '../../../shared/contract/result.ts';
import type { ConfigStore } from '../config-store.ts';
import type { Db } from '../database.ts';
import { openKioskData } from '../data/index.ts';

/** The highest seq written by `hailong kiosk export`: those events are safe on a technician's file. */
export const EXPORTED_THROUGH_KEY = 'outbox.exportedThroughSeq';

/**
 * Issue 9 item 6: moving a kiosk to another server must never strand or swallow ratings. The
 * move is refused while an event the old server has not acknowledged is neither delivered
 * nor exported; once exported, the file can be imported on the old server
 * (`hailong sync import`) whatever the new server does with its copy.
 */
export function assertNothingStranded(db: Db, config: ConfigStore, fromServer: string, toServer: string): void {
  if (fromServer === toServer) return;
  const exported = Number(config.getSetting(EXPORTED_THROUGH_KEY) ?? 0);
  const n = openKioskData(db).events.countUnsentAfter(exported);
  if (n === 0) return;
  throw new DomainError(
    'conflict',
    `Kiosk còn ${n} sự kiện chưa gửi tới máy chủ ${fromServer}. Hãy chờ đồng bộ xong, hoặc xuất dữ liệu bằng "hailong kiosk export" rồi nhập vào máy chủ cũ, trước khi chuyển sang ${toServer}.`,
  );
}

/** Records that every event up to `seq` has been written to an export file. */
export function recordExport(config: ConfigStore, seq: number): void {
  const previous = Number(config.getSetting(EXPORTED_THROUGH_KEY) ?? 0);
  if (seq > previous) config.setSetting(EXPORTED_THROUGH_KEY, String(seq));
}
