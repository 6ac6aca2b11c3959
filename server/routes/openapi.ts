import { z } from 'zod';
import { ApiErrorSchema } from '../../shared/contract/sync-protocol.ts';
import type { Access, AnyRoute } from './route.ts';

const SECURITY: Record<Access, { security?: object[]; note: string }> = {
  public: { security: [], note: '' },
  device: { security: [{ device: [] }], note: ' (kiosk: mã truy cập thiết bị)' },
  supervisor: { security: [{ session: [] }, { cookie: [] }], note: ' (giám sát hoặc quản trị)' },
  admin: { security: [{ session: [] }, { cookie: [] }], note: ' (quản trị)' },
  province_admin: { security: [{ session: [] }, { cookie: [] }], note: ' (quản trị cấp tỉnh)' },
};

function schema(type: z.ZodType, io: 'input' | 'output'): object {
  return z.toJSONSchema(type, { io, unrepresentable: 'any', target: 'draft-2020-12' });
}

function requestBody(route: AnyRoute): object {
  const body = route.body ?? route.docBody;
  if (body)
    return { requestBody: { required: true, content: { 'application/json': { schema: schema(body, 'input') } } } };
  if (route.consumes) {
    return {
      requestBody: {
        required: true,
        content: Object.fromEntries(
          route.consumes.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
        ),
      },
    };
  }
  return {};
}

/** OpenAPI 3.1 built from the same zod schemas the handlers validate with. */
export function openApiDocument(routes: readonly AnyRoute[], version: string): object {
  const paths: Record<string, Record<string, object>> = {};
  const errorResponse = { content: { 'application/json': { schema: schema(ApiErrorSchema, 'output') } } };
  for (const route of routes) {
    const path = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
    const params = [...route.url.matchAll(/:([A-Za-z]+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const queryParams: object[] = [];
    if (route.query) {
      const json = schema(route.query, 'input') as { properties?: Record<string, object>; required?: string[] };
      for (const [name, prop] of Object.entries(json.properties ?? {})) {
        queryParams.push({ name, in: 'query', required: json.required?.includes(name) ?? false, schema: prop });
      }
    }
    const access = SECURITY[route.access];
    const ok = route.produces
      ? {
          description: 'OK',
          content: Object.fromEntries(
            route.produces.map((type) => [
              type,
              type === 'application/json' && route.response
                ? { schema: schema(route.response, 'output') }
                : { schema: { type: 'string', format: 'binary' } },
            ]),
          ),
        }
      : {
          description: 'OK',
          content: { 'application/json': { schema: route.response ? schema(route.response, 'output') : {} } },
        };
    (paths[path] ??= {})[route.method.toLowerCase()] = {
      summary: route.summary + access.note,
      ...(access.security ? { security: access.security } : {}),
      parameters: [...params, ...queryParams],
      ...requestBody(route),
      responses: {
        '200': ok,
        '400': { description: 'Dữ liệu không hợp lệ', ...errorResponse },
        ...(route.access !== 'public'
          ? {
              '401': { description: 'Chưa đăng nhập, mã truy cập sai hoặc đã bị thu hồi', ...errorResponse },
              '403': { description: 'Không đủ quyền', ...errorResponse },
            }
          : {}),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'hailong — máy chủ trung tâm',
      version,
      description: 'Đồng bộ kiosk, cấu hình, nhập cán bộ, Phụ lục 2. Giao thức đồng bộ: docs/sync-protocol.md.',
    },
    components: {
      securitySchemes: {
        session: { type: 'http', scheme: 'bearer', description: 'Mã phiên từ POST /api/v1/auth/login' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'hailong_session' },
        device: { type: 'http', scheme: 'bearer', description: 'Mã truy cập thiết bị từ POST /api/v1/devices/enroll' },
      },
    },
    paths,
  };
}
