import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS, auth, startTestServer, type TestServer } from './support.ts';

/** Sends the headers of a 10 MB upload and only its first kilobyte; resolves with the status line. */
function partialUpload(port: number, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve('no answer');
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString();
      if (answer.includes('\r\n')) {
        clearTimeout(timer);
        socket.destroy();
        resolve(answer.split('\r\n')[0]!);
      }
    });
    socket.on('error', reject);
    socket.write(
      'POST /api/v1/staff/import HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/csv\r\n' +
        `Content-Length: ${10 * 1024 * 1024 - 1}\r\n\r\n` +
        'x'.repeat(1024),
    );
  });
}

describe.each(BACKENDS)('staff import limits on %s', (backend) => {
  let s: TestServer;
  afterEach(async () => s.close());

  it('refuses an anonymous upload before reading its body', async () => {
    s = await startTestServer(backend);
    await s.app.listen({ host: '127.0.0.1', port: 0 });
    const address = s.app.server.address();
    if (!address || typeof address === 'string') throw new Error('not listening');
    expect(await partialUpload(address.port, 5_000)).toBe('HTTP/1.1 401 Unauthorized');
  });

  it('refuses a sheet with more rows or columns than a staff list has, and creates nobody', async () => {
    s = await startTestServer(backend);
    const wide = `Họ và tên,"Cơ quan, đơn vị"${',x'.repeat(40)}\nA,Sở Công Thương\n`;
    const long = `Họ và tên,"Cơ quan, đơn vị"\n${'Nguyễn Văn A,Sở Công Thương\n'.repeat(5001)}`;
    for (const csv of [wide, long]) {
      const res = await s.app.inject({
        method: 'POST',
        url: '/api/v1/staff/import',
        headers: { ...auth(s.admin), 'content-type': 'text/csv' },
        payload: csv,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json<{ error: { message: string } }>().error.message).toMatch(/tối đa 5000 dòng và 30 cột/);
    }
    const officers = await s.app.hailong.db.selectFrom('officers').select('id').execute();
    expect(officers).toEqual([]);
  });

  it('applies the same caps to a form upload over HTTP, and refuses a file over 10 MB with a clear message', async () => {
    s = await startTestServer(backend);
    await s.app.listen({ host: '127.0.0.1', port: 0 });
    const address = s.app.server.address();
    if (!address || typeof address === 'string') throw new Error('not listening');
    const send = async (file: Blob) => {
      const form = new FormData();
      form.append('file', file, 'danh-sach.csv');
      const res = await fetch(`http://127.0.0.1:${address.port}/api/v1/staff/import?dryRun=1`, {
        method: 'POST',
        headers: auth(s.admin),
        body: form,
      });
      return { status: res.status, message: ((await res.json()) as { error: { message: string } }).error.message };
    };
    const wide = `Họ và tên,"Cơ quan, đơn vị"${',x'.repeat(40)}\nA,Sở Công Thương\n`;
    expect(await send(new Blob([wide], { type: 'text/csv' }))).toEqual({
      status: 400,
      message: 'Tệp quá lớn để là danh sách cán bộ: tối đa 5000 dòng và 30 cột.',
    });
    const huge = new Blob([`Họ và tên,"Cơ quan, đơn vị"\n`, Buffer.alloc(11 * 1024 * 1024, 'a')], { type: 'text/csv' });
    expect(await send(huge)).toEqual({ status: 413, message: 'Tệp quá lớn: tối đa 10 MB.' });
    expect(await s.app.hailong.db.selectFrom('officers').select('id').execute()).toEqual([]);
  });
});
