import { formatDateTimeVi, vietnamDayRange } from '../../shared/domain/vietnam-time.ts';
import type { DossierRatingRow } from '../../shared/domain/dossier-ratings.ts';
import type { Db } from '../db/database.ts';
import { officerDayAtCentre, type ReportCentre } from './centre-filter.ts';

/** How the citizen rated, as the per-dossier export says it. */
const CHANNEL_LABELS: Record<string, string> = { kiosk: 'Kiosk tại quầy', phone: 'Điện thoại (mã QR)' };

/** Ratings that carry a dossier code, by code (one at most) or over a period of Vietnam days, oldest first. */
export async function dossierRatings(
  db: Db,
  filter: { dossier: string } | { from: string; to: string },
  centre: ReportCentre | null = null,
): Promise<DossierRatingRow[]> {
  let query = db
    .selectFrom('ratings as r')
    .leftJoin('officers as o', 'o.id', 'r.officer_id')
    .leftJoin('agencies as a', 'a.id', 'r.agency_id')
    .leftJoin('rating_levels as l', 'l.code', 'r.level')
    .select([
      'r.dossier_code',
      'r.occurred_at',
      'r.occurred_ms',
      'r.level',
      'r.channel',
      'r.officer_id',
      'o.full_name',
      'a.name as agency_name',
      'l.label as level_label',
    ])
    .where('r.dossier_code', 'is not', null)
    .where('r.misuse', '=', 0);
  if (centre) query = query.where(officerDayAtCentre('r', centre));
  if ('dossier' in filter) {
    query = query.where('r.dossier_code', '=', filter.dossier);
  } else {
    vietnamDayRange(filter.from, filter.to);
    query = query.where('r.day', '>=', filter.from).where('r.day', '<=', filter.to);
  }
  const rows = await query.orderBy('r.occurred_ms').orderBy('r.id').execute();
  return rows.map((row, index) => ({
    stt: index + 1,
    dossierCode: row.dossier_code ?? '',
    fullName: row.full_name ?? row.officer_id,
    agencyName: row.agency_name ?? '',
    occurredAt: row.occurred_at,
    time: formatDateTimeVi(new Date(row.occurred_ms)),
    level: row.level,
    levelLabel: row.level_label ?? row.level,
    channel: CHANNEL_LABELS[row.channel ?? 'kiosk'] ?? CHANNEL_LABELS.kiosk!,
  }));
}
