import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allRoutes } from '#functions/routes.ts';
import { buildOpenApiDocument } from '#http/openapi.ts';
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
    const unresolved = [...refs].filter(
      (ref) =>
        !ref.startsWith('#/components/schemas/') ||
        !(ref.slice('#/components/schemas/'.length) in document.components.schemas),
    );
    expect(unresolved).toEqual([]);
  });

  it('documents every route of the manifest with its operation id and security', () => {
    const document = currentOpenApiDocument();
    for (const route of allRoutes.filter((r) => r.path !== defaultRoutePath)) {
      const operation = (
        document.paths[route.path] as Record<string, { operationId: string; security?: unknown[] }>
      )?.[route.method.toLowerCase()];
      expect(operation?.operationId, `${route.method} ${route.path}`).toBe(route.operationId);
      expect(operation?.security, route.operationId).toEqual(route.auth === 'public' ? [] : undefined);
    }
  });

  it('describes what routes accept: parameters, bodies, If-Match, Idempotency-Key, problem responses', () => {
    const document = buildOpenApiDocument(conventionRoutes, { title: 't', version: '1' }) as unknown as {
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
    expect(update?.responses['4XX']).toMatchObject({
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    });
  });
});
