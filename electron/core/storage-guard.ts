import { statfsSync } from 'node:fs';
import type { StorageStatus } from '../../shared/contract/kiosk-state.ts';
import { DomainError } from '../../shared/contract/result.ts';
import { toVietnamIso } from '../../shared/domain/vietnam-time.ts';
import type { Db } from './database.ts';
import { openKioskData } from './data/index.ts';

export const DISK_FULL_MESSAGE =
  'Bộ nhớ của kiosk đã đầy nên tạm thời không ghi nhận được số thứ tự, đánh giá hay đăng nhập mới. ' +
  'Các dữ liệu đã ghi vẫn được giữ nguyên. Vui lòng báo cán bộ CNTT giải phóng dung lượng; kiosk sẽ tự hoạt động lại.';

/** Free space needed before the kiosk takes records again: room for the WAL and a checkpoint. */
export const RESUME_FREE_BYTES = 1024 * 1024;
/** Below this the disk counts as full before SQLite fails (at start-up, or between writes). */
export const FULL_FREE_BYTES = 64 * 1024;

/** SQLite's "database or disk is full" and the operating system's "no space left on device". */
export function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && DISK_FULL_CODES.has(code);
}

/** SQLite reports ENOSPC as SQLITE_FULL; growing the shared-memory file fails as SHMSIZE. */
const DISK_FULL_CODES = new Set(['SQLITE_FULL', 'ENOSPC', 'SQLITE_IOERR_SHMSIZE']);

export interface StorageGuardOptions {
  db: Db;
  /** The folder holding the database; its free space decides when to resume. */
  dataDir: string;
  now: () => Date;
  /** Called when the state flips, so the screens and the next sync see it. */
  changed: () => void;
  /** Free bytes of the data folder's file system (tests and odd platforms inject it). */
  freeBytes?: (dir: string) => number;
}

/**
 * Knows whether the kiosk's disk is full. A write that fails with SQLITE_FULL marks it full;
 * while full, new records are refused with one clear message instead of failing one by one,
 * and a probe (free space, then a small real write) lifts the state by itself once space returns.
 */
export class StorageGuard {
  private fullSince: string | null = null;

  constructor(private readonly options: StorageGuardOptions) {}

  isFull(): boolean {
    return this.fullSince !== null;
  }

  status(): StorageStatus {
    return this.fullSince === null
      ? { state: 'ok', message: null, since: null }
      : { state: 'full', message: DISK_FULL_MESSAGE, since: this.fullSince };
  }

  /** Refuses while full. */
  assertWritable(): void {
    if (this.isFull()) throw new DomainError('unavailable', DISK_FULL_MESSAGE);
  }

  /**
   * Turns a disk-full failure into the state and a clear refusal; any other error is returned
   * unchanged for the caller to throw.
   */
  translate(error: unknown): unknown {
    if (!isDiskFull(error)) return error;
    this.markFull();
    return new DomainError('unavailable', DISK_FULL_MESSAGE);
  }

  markFull(): void {
    if (this.fullSince !== null) return;
    this.fullSince = toVietnamIso(this.options.now());
    this.options.changed();
  }

  /**
   * Run on a timer and at start-up. Marks the disk full when almost no space is left; while full,
   * resumes once the file system has room again and a real write succeeds.
   */
  probe(): void {
    const free = (this.options.freeBytes ?? freeBytesOf)(this.options.dataDir);
    if (this.fullSince === null) {
      if (free < FULL_FREE_BYTES) this.markFull();
      return;
    }
    if (free < RESUME_FREE_BYTES) return;
    try {
      openKioskData(this.options.db).settings.set('storage.probe', toVietnamIso(this.options.now()));
    } catch (error) {
      if (isDiskFull(error)) return;
      throw error;
    }
    this.fullSince = null;
    this.options.changed();
  }
}

function freeBytesOf(dir: string): number {
  const stats = statfsSync(dir);
  return stats.bavail * stats.bsize;
}
