/** What places an (officer, agency) row in Phụ lục 2 order; missing parts sort last. */
export interface OfficerOrderKey {
  agencyId: string;
  agencyOrder: number | undefined;
  agencyName: string | undefined;
  officerId: string;
  officerOrder: number | undefined;
  fullName: string | undefined;
}

const collator = new Intl.Collator('vi');
const LAST = Number.MAX_SAFE_INTEGER;

/**
 * The one order of officer rows in every report and console table: the agencies' official
 * order, then the agency name as Vietnamese sorts it and its id (two agencies given the same
 * order), then the officer's order within the agency, the name, and the id.
 */
export function compareOfficerRows(a: OfficerOrderKey, b: OfficerOrderKey): number {
  return (
    (a.agencyOrder ?? LAST) - (b.agencyOrder ?? LAST) ||
    collator.compare(a.agencyName ?? a.agencyId, b.agencyName ?? b.agencyId) ||
    compareIds(a.agencyId, b.agencyId) ||
    (a.officerOrder ?? LAST) - (b.officerOrder ?? LAST) ||
    collator.compare(a.fullName ?? a.officerId, b.fullName ?? b.officerId) ||
    compareIds(a.officerId, b.officerId)
  );
}

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
