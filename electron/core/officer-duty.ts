import type { OfficerOnDuty } from '../../shared/contract/kiosk-state.ts';
import { DomainError } from '../../shared/contract/result.ts';
import { toVietnamIso } from '../../shared/domain/vietnam-time.ts';
import type { ConfigStore } from './config-store.ts';
import type { Db } from './database.ts';
import { openKioskData } from './data/index.ts';
import type { DutyData, DutyRow } from './data/duty.ts';
import { Outbox } from './outbox.ts';
import type { PinGuard } from './pin-guard.ts';
import { dutyExpired, type DutyLimits } from '../../shared/domain/duty-limits.ts';

export type SignOutCause = 'manual' | 'replaced' | 'timeout' | 'removed';

/** Who serves at which counter. One officer per counter, one counter per officer. */
export class OfficerDuty {
  private readonly rows: DutyData;

  constructor(
    private readonly db: Db,
    private readonly config: ConfigStore,
    private readonly outbox: Outbox,
    private readonly pins: PinGuard,
    private readonly now: () => Date,
  ) {
    this.rows = openKioskData(db).duty;
  }

  onDuty(counterId: string): OfficerOnDuty | null {
    // The officer's agency now, not at sign-in: a rating goes to the agency of the moment.
    return this.rows.onDuty(counterId);
  }

  async signIn(counterId: string, officerId: string, pin: string): Promise<OfficerOnDuty> {
    const officer = this.config.officer(officerId);
    if (!officer || !officer.active) throw new DomainError('not_found', 'Không tìm thấy cán bộ này trong danh sách.');
    await this.pins.check(`officer:${officerId}`, pin, officer.pinHash);
    const occurredAt = toVietnamIso(this.now());
    this.db.transaction(() => {
      const displaced = this.rows.displacedBy(counterId, officerId);
      for (const row of displaced) this.endDuty(row, row.officer_id === officerId ? 'manual' : 'replaced', occurredAt);
      this.rows.insert(counterId, officerId, officer.agencyId, occurredAt);
      this.outbox.append({
        id: Outbox.newId(),
        type: 'officer.signed_in',
        occurredAt,
        officerId,
        agencyId: officer.agencyId,
        counterId,
      });
    })();
    return this.onDuty(counterId)!;
  }

  /**
   * Sign-out from the citizen's screen: only with the PIN of the officer on duty, so a citizen
   * cannot end the officer's duty (and every rating after it) in two taps. Wrong guesses count
   * towards the same lockout as at sign-in.
   */
  async signOutWithPin(counterId: string, pin: string): Promise<void> {
    const row = this.rows.atCounter(counterId);
    if (!row) throw new DomainError('no_officer_on_duty', 'Hiện không có cán bộ nào đăng nhập tại quầy.');
    await this.pins.check(`officer:${row.officer_id}`, pin, this.config.officer(row.officer_id)?.pinHash ?? null);
    this.signOut(counterId);
  }

  signOut(counterId: string): void {
    const row = this.rows.atCounter(counterId);
    if (!row) throw new DomainError('no_officer_on_duty', 'Hiện không có cán bộ nào đăng nhập tại quầy.');
    this.db.transaction(() => this.endDuty(row, 'manual', toVietnamIso(this.now())))();
  }

  /** An officer action at the counter: the idle timeout counts from here. */
  touch(counterId: string): void {
    this.rows.touch(counterId, toVietnamIso(this.now()));
  }

  /**
   * Ends every sign-in past the centre's end of working day or idle for too long, with
   * `officer.signed_out` cause `timeout`, so a forgotten sign-in never collects the next
   * morning's ratings. Returns how many ended.
   */
  expire(limits: DutyLimits): number {
    const nowMs = this.now().getTime();
    const rows = this.rows.all();
    const ended = rows.filter((row) => dutyExpired(row, limits, nowMs));
    if (ended.length === 0) return 0;
    const occurredAt = toVietnamIso(this.now());
    this.db.transaction(() => {
      for (const row of ended) this.endDuty(row, 'timeout', occurredAt);
    })();
    return ended.length;
  }

  /**
   * Ends, with an event, the sign-in of every officer no longer active in the configuration
   * (removed or deactivated in the console). Runs in the transaction that applies it.
   */
  endRemoved(): number {
    const rows = this.rows.ofInactiveOfficers();
    const occurredAt = toVietnamIso(this.now());
    for (const row of rows) this.endDuty(row, 'removed', occurredAt);
    return rows.length;
  }

  private endDuty(row: DutyRow, cause: SignOutCause, occurredAt: string): void {
    this.rows.remove(row.counter_id);
    this.outbox.append({
      id: Outbox.newId(),
      type: 'officer.signed_out',
      occurredAt,
      officerId: row.officer_id,
      counterId: row.counter_id,
      cause,
    });
  }
}
