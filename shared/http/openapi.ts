import * as z from '#kernel/zod.ts';
import { type AnyProblemCode, meaningOfProblem, problemsByStatus } from './contract.ts';
import { etagPattern } from './etag.ts';
import { maxFieldIssues, titleOfStatus } from './problem.ts';
import { defaultMaxBodyBytes } from './readRequest.ts';
import { defaultRoutePath, type RouteSpec } from './route.ts';

type JsonSchema = { [key: string]: unknown };

const problemSchema: JsonSchema = {
  type: 'object',
  description: 'RFC 9457 problem details',
  required: ['type', 'title', 'status', 'code', 'detail'],
  properties: {
    type: { type: 'string', maxLength: 200, description: '/problems/<code>, or about:blank' },
    title: { type: 'string', maxLength: 100 },
    status: { type: 'integer', format: 'int32', minimum: 400, maximum: 599 },
    code: {
      type: 'string',
      maxLength: 64,
      pattern: '^[a-z_]+$',
      description: 'Stable, machine-readable reason',
    },
    detail: { type: 'string', maxLength: 2000 },
    instance: { type: 'string', maxLength: 2048 },
    requestId: { type: 'string', maxLength: 128 },
    errors: {
      type: 'array',
      maxItems: maxFieldIssues,
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: {
          field: { type: 'string', maxLength: 200, description: 'e.g. body.lastWorkingDay' },
          message: { type: 'string', maxLength: 500 },
        },
      },
    },
  },
};

/** What API Gateway itself answers when it refuses a request (its authorizer, its throttling). */
const gatewayMessageSchema: JsonSchema = {
  type: 'object',
  description: 'API Gateway\'s own answer, e.g. {"message":"Too Many Requests"}',
  required: ['message'],
  properties: { message: { type: 'string', maxLength: 200 } },
};

/** Converts zod schemas to JSON Schema 2020-12 (OpenAPI 3.1's dialect), collecting named ones as components. */
class SchemaCollector {
  readonly components: Record<string, JsonSchema> = {
    Problem: problemSchema,
    GatewayMessage: gatewayMessageSchema,
  };

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
      this.components[renames.get(id) ?? id] = withDerivedBounds(
        this.rewriteRefs(def, renames),
      ) as JsonSchema;
    return withDerivedBounds(this.rewriteRefs(root, renames)) as JsonSchema;
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

  /**
   * Path and query schemas become one OpenAPI parameter per property. A parameter coerced from its
   * text (`?limit=25` → an integer 1–100) is documented as what it becomes, which is what bounds it.
   */
  parameters(schema: z.ZodMiniType | undefined, location: 'path' | 'query'): JsonSchema[] {
    if (!schema) return [];
    type Properties = { properties?: Record<string, JsonSchema>; required?: string[] };
    const json = this.convert(schema, 'input') as Properties;
    const output = this.convert(schema, 'output') as Properties;
    return Object.entries(json.properties ?? {}).map(([name, property]) => {
      const coerced = output.properties?.[name];
      const documented =
        coerced && ['integer', 'boolean'].includes(coerced.type as string) && property.type !== coerced.type
          ? coerced
          : property;
      return {
        name,
        in: location,
        required: location === 'path' || (json.required ?? []).includes(name),
        schema: documented,
      };
    });
  }
}

const int32 = 2 ** 31;

/**
 * Bounds that follow from what the server checks, written out for clients: an integer's `format`
 * from its range (int32 when it fits), and a string's `maxLength` from an anchored pattern that
 * cannot match anything longer (`^E\\d{4,8}$` → 9).
 */
function withDerivedBounds(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withDerivedBounds);
  if (node === null || typeof node !== 'object') return node;
  const schema = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, withDerivedBounds(v)]));
  if (schema.type === 'integer' && schema.format === undefined) {
    const low = Number(schema.minimum ?? schema.exclusiveMinimum ?? -Infinity);
    const high = Number(schema.maximum ?? schema.exclusiveMaximum ?? Infinity);
    return { ...schema, format: low >= -int32 && high < int32 ? 'int32' : 'int64' };
  }
  if (schema.type === 'string' && schema.maxLength === undefined && typeof schema.pattern === 'string') {
    const longest = longestMatch(schema.pattern);
    if (longest !== undefined) return { ...schema, maxLength: longest };
  }
  return schema;
}

/**
 * The longest string an anchored pattern (`^…$`) matches, for the subset our patterns use: literals,
 * escapes, classes, groups with alternatives, and `?`, `{n}`, `{m,n}`; undefined when unbounded or unsure.
 */
export function longestMatch(pattern: string): number | undefined {
  if (!pattern.startsWith('^') || !pattern.endsWith('$') || pattern.endsWith('\\$')) return undefined;
  let at = 1;
  const end = pattern.length - 1;
  const sequence = (): number | undefined => {
    let total = 0;
    while (at < end && pattern[at] !== '|' && pattern[at] !== ')') {
      const atom = atomLength();
      if (atom === undefined) return undefined;
      const times = quantifier();
      if (times === undefined) return undefined;
      total += atom * times;
    }
    return total;
  };
  const alternatives = (): number | undefined => {
    let longest = sequence();
    while (longest !== undefined && pattern[at] === '|') {
      at++;
      const next = sequence();
      longest = next === undefined ? undefined : Math.max(longest, next);
    }
    return longest;
  };
  const atomLength = (): number | undefined => {
    const c = pattern[at];
    if (c === '(') {
      at += pattern.startsWith('(?:', at) ? 3 : 1;
      const inner = alternatives();
      if (pattern[at] !== ')') return undefined;
      at++;
      return inner;
    }
    if (c === '[') {
      const close = pattern.indexOf(']', at + 2);
      if (close < 0) return undefined;
      at = close + 1;
      return 1;
    }
    if (c === '\\') {
      at += 2;
      return 1;
    }
    if (c === undefined || '*+?{^$'.includes(c)) return undefined;
    at++;
    return 1;
  };
  const quantifier = (): number | undefined => {
    const c = pattern[at];
    if (c === '*' || c === '+') return undefined;
    if (c === '?') {
      at++;
      return 1;
    }
    if (c !== '{') return 1;
    const match = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(at));
    if (!match) return undefined;
    at += match[0].length;
    if (match[2] === undefined) return Number(match[1]);
    return match[3] ? Number(match[3]) : undefined;
  };
  // A top-level `|` would leave each side anchored at one end only: not bounded.
  const longest = sequence();
  return at === end ? longest : undefined;
}

/** The response headers the routes name, as the document describes them. */
const headerDocs: Record<string, { description: string; schema: JsonSchema }> = {
  ETag: {
    description: 'The version of what this route changes or shows, to send back in If-Match',
    schema: { type: 'string', maxLength: 20, pattern: etagPattern },
  },
  Location: {
    description: 'Where the created resource is read (on a 303: where the answer is fetched)',
    schema: { type: 'string', maxLength: 4096, format: 'uri-reference' },
  },
};

/** On every response: which browser origins may read it (deployment configuration; none by default). */
const corsHeader = { $ref: '#/components/headers/Access-Control-Allow-Origin' };
const corsHeaderDoc = {
  description:
    'Present when the deployment allows browser origins (`corsOrigins`) and the request came from one of them: that origin',
  schema: { type: 'string', maxLength: 2048, format: 'uri' },
};

const describeProblems = (status: number, codes: readonly AnyProblemCode[]) =>
  `${titleOfStatus(status)}: ${codes.map((c) => `\`${c}\` ${meaningOfProblem(c)}`).join('; ')}`;

/** One documented refusal: problem+json whose `code` is one of those listed (plus API Gateway's own). */
function problemResponse(status: number, codes: readonly AnyProblemCode[]) {
  const problem = {
    schema: {
      allOf: [
        { $ref: '#/components/schemas/Problem' },
        { type: 'object', properties: { code: { type: 'string', enum: [...codes] } } },
      ],
    },
  };
  const gateway = { schema: { $ref: '#/components/schemas/GatewayMessage' } };
  const content =
    status === 429
      ? { 'application/json': gateway }
      : status === 401
        ? { 'application/problem+json': problem, 'application/json': gateway }
        : { 'application/problem+json': problem };
  return {
    description: describeProblems(status, codes),
    headers: { 'Access-Control-Allow-Origin': corsHeader },
    content,
  };
}

export interface ApiDescription {
  title: string;
  version: string;
  description: string;
  servers: {
    url: string;
    description: string;
    'x-internal': boolean;
    variables?: Record<string, { default: string; description: string }>;
  }[];
}

/** The OpenAPI 3.1 document of the routes: the same zod schemas the handlers validate with. */
export function buildOpenApiDocument(routes: readonly RouteSpec[], api: ApiDescription) {
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
        schema: { type: 'string', maxLength: 22, pattern: `^(W/)?${etagPattern.slice(1)}` },
      });
    }
    if (route.idempotent) {
      parameters.push({
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        description: 'A retry with the same key gets the first answer (for 24 hours)',
        schema: { type: 'string', minLength: 8, maxLength: 128, pattern: '^[\\x21-\\x7e]{8,128}$' },
      });
    }
    const responses: Record<string, unknown> = {};
    for (const [status, response] of Object.entries(route.responses)) {
      responses[status] = {
        description: response.description,
        headers: Object.fromEntries([
          ['Access-Control-Allow-Origin', corsHeader],
          ...(response.headers ?? []).map((h) => [
            h,
            headerDocs[h] ?? { schema: { type: 'string', maxLength: 4096 } },
          ]),
        ]),
        // JSON, another media type, or either (a report as data or as a page).
        ...(response.body || response.mediaTypes
          ? {
              content: {
                ...(response.body
                  ? { 'application/json': { schema: collector.convert(response.body, 'output') } }
                  : {}),
                ...Object.fromEntries(
                  (response.mediaTypes ?? []).map((t) => [
                    t,
                    { schema: { type: 'string', maxLength: 4_000_000 } },
                  ]),
                ),
              },
            }
          : {}),
      };
    }
    for (const [status, codes] of problemsByStatus(route)) responses[status] = problemResponse(status, codes);
    const operations = paths[route.path] ?? {};
    paths[route.path] = operations;
    operations[route.method.toLowerCase()] = {
      operationId: route.operationId,
      summary: route.summary,
      tags: [route.tag],
      ...(route.auth === 'jwt'
        ? {}
        : { security: route.credential ? [{ [route.credential.scheme]: [] }] : [] }),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(route.rawBody
        ? {
            requestBody: {
              required: true,
              description: route.rawBody.description,
              content: Object.fromEntries(
                route.rawBody.contentTypes.map((t) => [
                  t,
                  { schema: { type: 'string', maxLength: route.maxBodyBytes ?? defaultMaxBodyBytes } },
                ]),
              ),
            },
          }
        : {}),
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: {
                'application/json': {
                  schema: collector.convert(route.documentedBody ?? route.body, 'input'),
                },
              },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: api.title,
      version: api.version,
      description: api.description,
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: api.servers,
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: {
        ...Object.fromEntries(
          routes.flatMap((r) =>
            r.credential
              ? [
                  [
                    r.credential.scheme,
                    {
                      type: 'apiKey',
                      in: r.credential.in,
                      name: r.credential.name,
                      description: r.credential.description,
                    },
                  ],
                ]
              : [],
          ),
        ),
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            "A Cognito access token (a JWS signed with the user pool's RS256 key). API Gateway's JWT authorizer checks it as RFC8725 advises: the algorithm comes from the key set, never from the token (no `none`); `iss`, `exp`, `nbf`/`iat` and `client_id` are verified; only access tokens are taken.",
        },
      },
      headers: { 'Access-Control-Allow-Origin': corsHeaderDoc },
      schemas: collector.components,
    },
  };
}
