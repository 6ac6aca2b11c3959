import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKENDS, startTestServer, type TestServer } from './support.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface ImportResult {
  dryRun: boolean;
  created: number;
  updated: number;
  unchanged: number;
  moved: number;
  moves: {
    row: number;
    officerId: string;
    fullName: string;
    code: string | null;
    fromAgencyName: string;
    toAgencyName: string;
  }[];
  skipped: { row: number; reason: string }[];
}
type Officer = { id: string; fullName: string; agencyId: string; agencyName: string; active: boolean };

// Issue 9 item 10: a name is not an identity; a move is shown as a move and applied only when asked.
describe.each(BACKENDS)('staff import identity on %s', (backend) => {
  let s: TestServer;
  let base: string;
  beforeEach(async () => {
    // 28/11/2026: an officer moved today is listed under both agencies in November's Phụ lục 2.
    s = await startTestServer(backend, { now: () => new Date('2026-11-28T03:00:00.000Z') });
    await s.app.listen({ host: '127.0.0.1', port: 0 });
    const address = s.app.server.address();
    if (!address || typeof address === 'string') throw new Error('not listening');
    base = `http://127.0.0.1:${address.port}`;
  });
  afterEach(async () => s.close());

  const headers = () => ({ authorization: `Bearer ${s.admin}` });
  /** Uploads a file as the console does (multipart form) over real HTTP. */
  const upload = async (file: Blob, name: string, query = '') => {
    const form = new FormData();
    form.append('file', file, name);
    const res = await fetch(`${base}/api/v1/staff/import${query}`, { method: 'POST', headers: headers(), body: form });
    return { status: res.status, body: (await res.json()) as ImportResult & { error?: { message: string } } };
  };
  const csv = (text: string) => new Blob([text], { type: 'text/csv' });
  const officers = async () =>
    (await (await fetch(`${base}/api/v1/officers`, { headers: headers() })).json()) as Officer[];
  const json = async (method: string, path: string, body: unknown) =>
    fetch(`${base}${path}`, {
      method,
      headers: { ...headers(), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const phuLuc2 = async () =>
    new Blob(
      [
        await (
          await fetch(`${base}/api/v1/reports/phu-luc-2?from=2026-11-01&to=2026-11-30&format=xlsx`, {
            headers: headers(),
          })
        ).arrayBuffer(),
      ],
      {
        type: XLSX,
      },
    );

  it("re-imports this server's own Phụ lục 2 after an officer moved: a move in the preview, nothing created", async () => {
    const created = await json('POST', '/api/v1/officers', { fullName: 'Nguyễn Thị Hồng Nhung', agencyId: 'ag-11' });
    const nhung = ((await created.json()) as { id: string }).id;
    const before = await phuLuc2(); // lists her under Sở Tư pháp
    expect((await json('PATCH', `/api/v1/officers/${nhung}`, { agencyId: 'ag-01' })).status).toBe(200);

    const preview = await upload(before, 'phu-luc-2.xlsx', '?dryRun=1');
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ created: 0, updated: 0, moved: 0 });
    expect(preview.body.moves).toEqual([
      expect.objectContaining({
        officerId: nhung,
        fullName: 'Nguyễn Thị Hồng Nhung',
        fromAgencyName: 'Sở Công Thương',
        toAgencyName: 'Sở Tư pháp',
      }),
    ]);
    // Applying without a decision about the move writes nothing.
    const undecided = await upload(before, 'phu-luc-2.xlsx');
    expect(undecided.status).toBe(409);
    expect(undecided.body.error!.message).toMatch(/chuyển 1 cán bộ sang cơ quan khác.*Chưa có gì thay đổi/);
    // Kept where she is: still one officer, in Sở Công Thương.
    const kept = await upload(before, 'phu-luc-2.xlsx', '?moves=keep');
    expect(kept.body).toMatchObject({ created: 0, moved: 0 });
    expect((await officers()).map((o) => [o.id, o.agencyName])).toEqual([[nhung, 'Sở Công Thương']]);

    // The Phụ lục 2 of the month of the move lists her under both agencies: that is history, not a move.
    const both = await phuLuc2();
    const again = await upload(both, 'phu-luc-2.xlsx', '?dryRun=1');
    expect(again.body).toMatchObject({ created: 0, moves: [], skipped: [] });

    // Moved on request: the same officer, with her history.
    const applied = await upload(before, 'phu-luc-2.xlsx', '?moves=apply');
    expect(applied.body).toMatchObject({ created: 0, moved: 1 });
    expect((await officers()).map((o) => [o.id, o.agencyName])).toEqual([[nhung, 'Sở Tư pháp']]);
  });

  it('tells two people of one name in one agency apart by the officer code, and follows a code across a move', async () => {
    const twoAn =
      'Mã cán bộ,Họ và tên,"Cơ quan, đơn vị"\nCB-001,Nguyễn Văn An,Sở Tư pháp\nCB-002,Nguyễn Văn An,Sở Tư pháp\n';
    expect((await upload(csv(twoAn), 'ds.csv')).body).toMatchObject({ created: 2, skipped: [] });
    expect((await upload(csv(twoAn), 'ds.csv')).body).toMatchObject({ created: 0, unchanged: 2 });
    expect((await officers()).filter((o) => o.fullName === 'Nguyễn Văn An')).toHaveLength(2);

    // Without codes the second row is not silently merged into the first: it is refused with the fix.
    const noCode = 'Họ và tên,"Cơ quan, đơn vị"\nTrần Thị Bình,Sở Y tế\nTrần Thị Bình,Sở Y tế\n';
    const merged = (await upload(csv(noCode), 'ds.csv')).body;
    expect(merged.created).toBe(1);
    expect(merged.skipped.map((r) => r.row)).toEqual([3]);
    expect(merged.skipped[0]!.reason).toMatch(/Trùng với dòng 2.*Mã cán bộ/);

    // CB-002 moved to Sở Công Thương: found by code, shown as a move, moved on request.
    const moveTwo = 'Mã cán bộ,Họ và tên,"Cơ quan, đơn vị"\nCB-002,Nguyễn Văn  An,Sở Công Thương\n';
    const preview = (await upload(csv(moveTwo), 'ds.csv', '?dryRun=1')).body;
    expect(preview.moves).toEqual([expect.objectContaining({ code: 'CB-002', toAgencyName: 'Sở Công Thương' })]);
    expect((await upload(csv(moveTwo), 'ds.csv', '?moves=apply')).body).toMatchObject({ created: 0, moved: 1 });
    const ans = (await officers()).filter((o) => o.fullName === 'Nguyễn Văn An').map((o) => o.agencyName);
    expect(ans.sort()).toEqual(['Sở Công Thương', 'Sở Tư pháp']);

    // A repeated or malformed code is refused by row.
    const bad =
      'Mã cán bộ,Họ và tên,"Cơ quan, đơn vị"\nCB-009,Lê Văn Cường,Sở Y tế\nCB-009,Lê Văn Dũng,Sở Y tế\nmã có dấu cách,Lê Văn Em,Sở Y tế\n';
    const refused = (await upload(csv(bad), 'ds.csv', '?dryRun=1')).body;
    expect(refused.created).toBe(1);
    expect(refused.skipped.map((r) => r.row)).toEqual([3, 4]);
    expect(refused.skipped[0]!.reason).toBe('Mã cán bộ "CB-009" đã có ở dòng 2.');
    expect(refused.skipped[1]!.reason).toMatch(/^Mã cán bộ "mã có dấu cách" không hợp lệ/);
  });
});
