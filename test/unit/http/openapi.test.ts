import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allRoutes } from '#functions/routes.ts';
import { buildOpenApiDocument, longestMatch } from '#http/openapi.ts';
import { defaultRoutePath } from '#http/route.ts';
import { currentOpenApiDocument, openApiPath, serialise } from '#infra/tools/openapi.ts';
import { conventionRoutes } from '../../integration/support/conventions/routes.ts';

describe('the OpenAPI document', () => {
  it('is committed exactly as the routes generate it (run `npm run openapi` after changing a route)', () => {
    expect(readFileSync(openApiPath, 'utf8')).toBe(serialise(currentOpenApiDocument()));
  });

  it('resolves every reference it makes, also those between named schemas', () => {
    const document = currentOpenApiDocument();
    const refs = new Set<string>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object')
        for (const [key, value] of Object.entries(node)) {
          if (key === '$ref' && typeof value === 'string') refs.add(value);
          else walk(value);
        }
    };
    walk(document);
    expect(refs.size).toBeGreaterThan(10);
    const components = document.components as Record<string, Record<string, unknown>>;
    const unresolved = [...refs].filter((ref) => {
      const [hash, at, kind, name, ...rest] = ref.split('/');
      return (
        hash !== '#' ||
        at !== 'components' ||
        rest.length > 0 ||
        !(name && name in (components[kind ?? ''] ?? {}))
      );
    });
    expect(unresolved).toEqual([]);
  });

  it('documents every route of the manifest with its operation id and security', () => {
    const document = currentOpenApiDocument();
    for (const route of allRoutes.filter((r) => r.path !== defaultRoutePath)) {
      const operation = (
        document.paths[route.path] as Record<string, { operationId: string; security?: unknown[] }>
      )?.[route.method.toLowerCase()];
      expect(operation?.operationId, `${route.method} ${route.path}`).toBe(route.operationId);
      // Public routes need no bearer token; those with a credential of their own name its scheme.
      const security = route.credential ? [{ [route.credential.scheme]: [] }] : [];
      expect(operation?.security, route.operationId).toEqual(route.auth === 'public' ? security : undefined);
      if (route.credential)
        expect(
          (document.components.securitySchemes as Record<string, unknown>)[route.credential.scheme],
        ).toMatchObject({
          type: 'apiKey',
          in: route.credential.in,
          name: route.credential.name,
        });
    }
  });

  it('describes what routes accept: parameters, bodies, If-Match, Idempotency-Key, problem responses', () => {
    const document = buildOpenApiDocument(conventionRoutes, {
      title: 't',
      version: '1',
      description: 't',
      servers: [],
    }) as unknown as {
      paths: Record<
        string,
        Record<
          string,
          {
            parameters?: { name: string; in: string; required: boolean }[];
            requestBody?: unknown;
            responses: Record<string, unknown>;
          }
        >
      >;
      components: { schemas: Record<string, unknown> };
    };
    const list = document.paths['/test/notes']?.get;
    expect(list?.parameters?.map((p) => [p.name, p.in, p.required])).toEqual([
      ['limit', 'query', false],
      ['cursor', 'query', false],
    ]);
    const create = document.paths['/test/notes']?.post;
    expect(create?.parameters).toContainEqual(
      expect.objectContaining({ name: 'Idempotency-Key', in: 'header' }),
    );
    expect(create?.requestBody).toMatchObject({
      content: { 'application/json': { schema: { additionalProperties: false, required: ['title'] } } },
    });
    const update = document.paths['/test/notes/{id}']?.patch;
    expect(update?.parameters).toContainEqual(
      expect.objectContaining({ name: 'If-Match', in: 'header', required: true }),
    );
    expect(update?.parameters).toContainEqual(
      expect.objectContaining({ name: 'id', in: 'path', required: true }),
    );
    // Each refusal is listed under its status, with the codes it may carry.
    type ProblemDoc = {
      content?: Record<string, { schema: { allOf: { properties?: { code?: { enum: string[] } } }[] } }>;
    };
    const codesOf = (status: string) =>
      ((update?.responses[status] ?? {}) as ProblemDoc).content?.['application/problem+json']?.schema.allOf[1]
        ?.properties?.code?.enum;
    expect(codesOf('412')).toEqual(['stale_version']);
    expect(codesOf('428')).toEqual(['if_match_required']);
    expect(codesOf('404')).toEqual(['not_found']);
    expect(codesOf('400')).toEqual(expect.arrayContaining(['validation_failed', 'malformed_json']));
    expect(Object.keys(update?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '400', '401', '403', '404', '412', '413', '415', '428', '429', '500']),
    );
    expect(update?.responses['4XX']).toBeUndefined();
  });

  it('states the length a pattern bounds, and none where the pattern does not bound it', () => {
    expect(longestMatch('^E\\d{4,8}$')).toBe(9);
    expect(longestMatch('^R\\d{14}[0-9a-f]{6}$')).toBe(21);
    expect(longestMatch('^(W/)?"v[0-9]{1,15}"$')).toBe(20);
    expect(longestMatch('^\\+?[0-9 -]{6,20}$')).toBe(21);
    expect(longestMatch('^[a-z]+(?:[.-][a-z]+)+$')).toBeUndefined();
    expect(longestMatch('^a|bc$')).toBeUndefined();
    expect(longestMatch('[0-9]{3}')).toBeUndefined();
    expect(longestMatch('^x{2,}$')).toBeUndefined();
  });
});
