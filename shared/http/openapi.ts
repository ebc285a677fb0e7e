import * as z from '#kernel/zod.ts';
import { etagPattern } from './etag.ts';
import { defaultRoutePath, type RouteSpec } from './route.ts';

type JsonSchema = { [key: string]: unknown };

const problemSchema: JsonSchema = {
  type: 'object',
  description: 'RFC 9457 problem details',
  required: ['type', 'title', 'status', 'code', 'detail'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    code: { type: 'string', description: 'Stable, machine-readable reason' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    requestId: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: {
          field: { type: 'string', description: 'e.g. body.lastWorkingDay' },
          message: { type: 'string' },
        },
      },
    },
  },
};

/** Converts zod schemas to JSON Schema 2020-12 (OpenAPI 3.1's dialect), collecting named ones as components. */
class SchemaCollector {
  readonly components: Record<string, JsonSchema> = { Problem: problemSchema };

  convert(schema: z.ZodMiniType, io: 'input' | 'output'): JsonSchema {
    const {
      $defs,
      $schema: _,
      ...root
    } = z.toJSONSchema(schema, {
      target: 'draft-2020-12',
      io,
      unrepresentable: 'any',
    }) as JsonSchema & { $defs?: Record<string, JsonSchema> };
    const defs = Object.entries($defs ?? {});
    // Named schemas refer to each other too: every reference, at the root or in a component, points
    // into components/schemas under the name its schema is kept by.
    const identity = new Map(defs.map(([id]) => [id, id]));
    const renames = new Map(
      defs.map(([id, def]) => [id, this.nameFor(id, this.rewriteRefs(def, identity) as JsonSchema, io)]),
    );
    for (const [id, def] of defs)
      this.components[renames.get(id) ?? id] = this.rewriteRefs(def, renames) as JsonSchema;
    return this.rewriteRefs(root, renames) as JsonSchema;
  }

  /** The same id may differ between request and response (defaults, transforms): keep both. */
  private nameFor(id: string, def: JsonSchema, io: 'input' | 'output'): string {
    const existing = this.components[id];
    if (!existing || JSON.stringify(existing) === JSON.stringify(def)) return id;
    return `${id}${io === 'input' ? 'Input' : 'Output'}`;
  }

  private rewriteRefs(node: unknown, renames: Map<string, string>): unknown {
    if (Array.isArray(node)) return node.map((n) => this.rewriteRefs(n, renames));
    if (node === null || typeof node !== 'object') return node;
    return Object.fromEntries(
      Object.entries(node).map(([k, v]) => {
        if (k === '$ref' && typeof v === 'string' && v.startsWith('#/$defs/')) {
          const id = v.slice('#/$defs/'.length);
          return [k, `#/components/schemas/${renames.get(id) ?? id}`];
        }
        return [k, this.rewriteRefs(v, renames)];
      }),
    );
  }

  /** Path and query schemas become one OpenAPI parameter per property. */
  parameters(schema: z.ZodMiniType | undefined, location: 'path' | 'query'): JsonSchema[] {
    if (!schema) return [];
    const json = this.convert(schema, 'input') as {
      properties?: Record<string, JsonSchema>;
      required?: string[];
    };
    return Object.entries(json.properties ?? {}).map(([name, property]) => ({
      name,
      in: location,
      required: location === 'path' || (json.required ?? []).includes(name),
      schema: property,
    }));
  }
}

/** The response headers the routes name, as the document describes them. */
const headerDocs: Record<string, { description: string; schema: JsonSchema }> = {
  ETag: {
    description: 'The version of what this route changes or shows, to send back in If-Match',
    schema: { type: 'string', pattern: etagPattern },
  },
  Location: {
    description: 'Where the created resource is read (on a 303: where the answer is fetched)',
    schema: { type: 'string' },
  },
};

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/** The OpenAPI 3.1 document of the routes: the same zod schemas the handlers validate with. */
export function buildOpenApiDocument(routes: readonly RouteSpec[], info: { title: string; version: string }) {
  const collector = new SchemaCollector();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    if (route.path === defaultRoutePath || route.method === 'ANY') continue;
    const parameters = [
      ...collector.parameters(route.params, 'path'),
      ...collector.parameters(route.query, 'query'),
    ];
    if (route.requiresIfMatch) {
      parameters.push({
        name: 'If-Match',
        in: 'header',
        required: true,
        description:
          'The ETag last read of what this route changes; 428 without it, 412 (stale_version) when someone changed it since',
        schema: { type: 'string', pattern: `^(W/)?${etagPattern.slice(1)}` },
      });
    }
    if (route.idempotent) {
      parameters.push({ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string' } });
    }
    const responses: Record<string, unknown> = {};
    for (const [status, response] of Object.entries(route.responses)) {
      responses[status] = {
        description: response.description,
        ...(response.headers
          ? {
              headers: Object.fromEntries(
                response.headers.map((h) => [h, headerDocs[h] ?? { schema: { type: 'string' } }]),
              ),
            }
          : {}),
        ...(response.body
          ? { content: { 'application/json': { schema: collector.convert(response.body, 'output') } } }
          : {}),
      };
    }
    if (route.requiresIfMatch) {
      responses['412'] = problemResponse(
        'stale_version: someone changed it since the ETag sent; read it again',
      );
      responses['428'] = problemResponse('if_match_required: If-Match is missing');
    }
    responses['4XX'] = problemResponse('The request was refused; see code and errors');
    responses['5XX'] = problemResponse('Our fault; the requestId helps us find the cause');
    const operations = paths[route.path] ?? {};
    paths[route.path] = operations;
    operations[route.method.toLowerCase()] = {
      operationId: route.operationId,
      summary: route.summary,
      tags: [route.tag],
      ...(route.auth === 'jwt' ? {} : { security: [] }),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(route.rawBody
        ? {
            requestBody: {
              required: true,
              description: route.rawBody.description,
              content: Object.fromEntries(
                route.rawBody.contentTypes.map((t) => [t, { schema: { type: 'string' } }]),
              ),
            },
          }
        : {}),
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: collector.convert(route.body, 'input') } },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info,
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: collector.components,
    },
  };
}
