import { m0001Initial } from './0001-initial.ts';
import { m0002Queue } from './0002-queue.ts';
import { m0003Sync } from './0003-sync.ts';
import { m0004DutyAndRatingWindow } from './0004-duty-and-rating-window.ts';
import { m0005CentreQueue } from './0005-centre-queue.ts';
import { m0006PhoneRating } from './0006-phone-rating.ts';
import { m0007RatingFunnel } from './0007-rating-funnel.ts';
import { m0008OfficerPhoto } from './0008-officer-photo.ts';
import type { Migration } from './migration.ts';

/** Every schema change, oldest first. Append only; never edit one that has shipped. */
export const KIOSK_MIGRATIONS: readonly Migration[] = [
  m0001Initial,
  m0002Queue,
  m0003Sync,
  m0004DutyAndRatingWindow,
  m0005CentreQueue,
  m0006PhoneRating,
  m0007RatingFunnel,
  m0008OfficerPhoto,
];
