import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { addRoute } from '../../../server/routes/route.ts';
import type { ServerContext } from '../../../server/context.ts';
import { HttpError } from '../../../server/http-error.ts';

/** A bare Fastify app with one public route whose handler returns `result`. */
async function appAnswering(result: unknown, response: z.ZodType) {
  const logged: string[] = [];
  const app = Fastify();
  app.setErrorHandler((error, _request, reply) =>
    error instanceof HttpError
      ? reply.code(error.status).send({ error: { code: error.code, message: error.message } })
      : reply.code(500).send({ error: { code: 'internal' } }),
  );
  const server = { routes: [], log: (m: string) => logged.push(m) } as unknown as ServerContext;
  addRoute(app, server, {
    method: 'GET',
    url: '/thu',
    summary: 'thử',
    access: 'public',
    response,
    handler: () => Promise.resolve(result),
  });
  await app.ready();
  return { app, logged };
}

describe('response schemas are enforced on send', () => {
  it('drops a field the schema does not name, such as PIN hashes', async () => {
    const schema = z.object({ officers: z.array(z.object({ id: z.string(), fullName: z.string() })) });
    const { app } = await appAnswering(
      {
        officers: [{ id: 'cb-1', fullName: 'Phạm Thị Lan', pinHash: 'scrypt$abc' }],
        officerPins: { 'cb-1': 'scrypt$abc' },
      },
      schema,
    );
    const res = await app.inject({ url: '/thu' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ officers: [{ id: 'cb-1', fullName: 'Phạm Thị Lan' }] });
    expect(res.body).not.toContain('scrypt');
    await app.close();
  });

  it('refuses to send an answer that does not fit its schema, with a Vietnamese message, and logs why', async () => {
    const { app, logged } = await appAnswering({ count: 'nhiều' }, z.object({ count: z.number() }));
    const res = await app.inject({ url: '/thu' });
    expect(res.statusCode).toBe(500);
    const body = res.json<{ error: { code: string; message: string } }>();
    expect(body.error.code).toBe('invalid_response');
    expect(body.error.message).toMatch(/sai mẫu/);
    expect(res.body).not.toContain('nhiều');
    expect(logged[0]).toMatch(/count/);
    await app.close();
  });
});
