import '../shared/contract/zod-vietnamese.ts';
import type { z } from 'zod';
import { describeIssues } from '../shared/contract/dispatch.ts';

/** A 4xx the person can act on: a machine code and a Vietnamese message. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const notFound = (message = 'Không tìm thấy.') => new HttpError(404, 'not_found', message);
export const conflict = (message: string) => new HttpError(409, 'conflict', message);
export const badRequest = (message: string, code = 'invalid_input') => new HttpError(400, code, message);

/** Parses with a zod schema or throws a 400 naming the field. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw badRequest(describeIssues(result.error));
  return result.data;
}
