/**
 * Which centre's board this is (issue 13 §1): `/board/<centre code>`; `/board` alone is the
 * first centre's, as on a single-centre install.
 */
export function boardCodeOf(pathname: string): string | null {
  const match = /^\/board\/([^/]+)\/?$/.exec(pathname);
  return match ? decodeURIComponent(match[1]!) : null;
}

/** The query every board request carries: empty for the first centre's board. */
export function centreQuery(code: string | null): string {
  return code === null ? '' : `?centre=${encodeURIComponent(code)}`;
}

export type BoardCentre = { state: 'loading' } | { state: 'known'; name: string } | { state: 'unknown'; code: string };

/** The centre's name, or `unknown` when the server has no centre with that code (404). */
export async function loadBoardCentre(code: string | null): Promise<BoardCentre | null> {
  const response = await fetch(`/api/v1/board/centre${centreQuery(code)}`, { cache: 'no-store' });
  if (response.status === 404 || response.status === 400) return { state: 'unknown', code: code ?? '' };
  if (!response.ok) return null;
  const body = (await response.json()) as { name?: unknown };
  return typeof body.name === 'string' ? { state: 'known', name: body.name } : null;
}
