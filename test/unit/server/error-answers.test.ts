import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createServer } from '../../../server/app.ts';
import { InvalidDayError } from '../../../shared/domain/vietnam-time.ts';

/** Issue 9 item 11: a 400 says what the person did wrong; an internal fault never shows its own text. */
describe('error answers', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => app?.close());

  async function answer(error: Error): Promise<{ status: number; message: string }> {
    app = await createServer({ dbFile: ':memory:', adminPassword: 'mat-khau-quan-tri-thu', log: () => undefined });
    app.get('/test/throw', () => Promise.reject(error));
    const res = await app.inject({ url: '/test/throw' });
    return { status: res.statusCode, message: res.json<{ error: { message: string } }>().error.message };
  }

  it('answers an impossible day with 400 and its Vietnamese message', async () => {
    expect(await answer(new InvalidDayError('Ngày không hợp lệ: 2026-02-31'))).toEqual({
      status: 400,
      message: 'Ngày không hợp lệ: 2026-02-31',
    });
  });

  it('answers an internal RangeError with 500 and never echoes its text', async () => {
    const { status, message } = await answer(new RangeError('Invalid time value'));
    expect(status).toBe(500);
    expect(message).not.toContain('Invalid time value');
    expect(message).toBe('Đã có lỗi không mong muốn ở máy chủ.');
  });
});
