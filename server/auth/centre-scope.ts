import type { AuthUser } from './guard.ts';
import type { Db } from '../db/database.ts';
import { centreByCode, centreCount, existingCentre, firstCentreId } from '../config/centres.ts';
import { HttpError, notFound } from '../http-error.ts';

/**
 * Who sees which centre (issue 13 §1): a province admin every centre, an admin or supervisor
 * only their own. Every route declares how it is scoped (server/routes/route.ts):
 * - `{ table }`: its `:id` names a row of a centre-owned table; another centre's row is a 404,
 *   as if it did not exist (ids of other centres are not confirmed to a caller who may not see them);
 * - `'own'`: the handler narrows to `scopeOf(user)` itself (lists, creations);
 * - none: the route does not tell centres apart yet; a centre's user may use it only while the
 *   province has a single centre (then everything is theirs), else 403.
 */
export type CentreOwnedTable = 'counters' | 'officers' | 'devices' | 'users' | 'live_alerts';
export type CentreScope = { table: CentreOwnedTable } | 'own';

const forbidden = (message: string) => new HttpError(403, 'other_centre', message);

export const isProvinceAdmin = (user: Pick<AuthUser, 'role'> | null) => user?.role === 'province_admin';

/** The centre a user's reads are narrowed to; null: every centre. */
export function scopeOf(user: Pick<AuthUser, 'centreId' | 'role'> | null): number | null {
  return user && !isProvinceAdmin(user) ? user.centreId : null;
}

/**
 * The centre a request acts on. A centre's user may name only their own centre (403 otherwise);
 * a province admin may name any existing centre; nobody named: the user's own, or the first centre.
 */
export async function actingCentre(db: Db, user: AuthUser | null, requested?: number): Promise<number> {
  const own = scopeOf(user);
  if (own !== null) {
    if (requested !== undefined && requested !== own) throw forbidden('Bạn chỉ được làm việc với trung tâm của mình.');
    return own;
  }
  if (requested !== undefined) return (await existingCentre(db, requested)).id;
  return firstCentreId(db);
}

/** `?centre=<code>` or `?centreId=`: checked against the caller's scope like `actingCentre`. */
export async function requestedCentreId(
  db: Db,
  query: Record<string, unknown>,
  body: unknown,
): Promise<number | undefined> {
  const fromBody = body && typeof body === 'object' ? (body as Record<string, unknown>).centreId : undefined;
  const raw = query.centreId ?? fromBody;
  if (raw !== undefined && raw !== '') {
    const id = Number(raw);
    return Number.isInteger(id) && id > 0 ? id : -1;
  }
  if (typeof query.centre === 'string' && query.centre !== '') {
    const centre = await centreByCode(db, query.centre);
    if (!centre) throw notFound(`Không có trung tâm mã "${query.centre}".`);
    return centre.id;
  }
  return undefined;
}

/** The row's centre, or undefined when the row does not exist. */
async function centreOfRow(db: Db, table: CentreOwnedTable, id: string): Promise<number | null | undefined> {
  const row = await db.selectFrom(table).select('centre_id').where('id', '=', id).executeTakeFirst();
  return row ? row.centre_id : undefined;
}

/** Runs before every user route's handler: the scope rules above. */
export async function checkCentreAccess(
  db: Db,
  user: AuthUser,
  scope: CentreScope | undefined,
  request: { params: Record<string, string>; query: Record<string, unknown>; body: unknown },
): Promise<void> {
  const own = scopeOf(user);
  if (own === null) return;
  if (scope === undefined) {
    if ((await centreCount(db)) > 1) {
      throw forbidden(
        'Chức năng này dùng chung cho cả tỉnh; chỉ quản trị viên cấp tỉnh được dùng khi có nhiều trung tâm.',
      );
    }
    return;
  }
  const requested = await requestedCentreId(db, request.query, request.body);
  if (requested !== undefined && requested !== own) throw forbidden('Bạn chỉ được làm việc với trung tâm của mình.');
  if (scope !== 'own') {
    const id = request.params.id;
    if (id === undefined) return;
    const centre = await centreOfRow(db, scope.table, id);
    // A province admin account (centre null) is outside every centre.
    if (centre !== undefined && centre !== own) throw notFound('Không tìm thấy.');
  }
}
