import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { allRoutes } from '#functions/routes.ts';
import { buildOpenApiDocument } from '#http/openapi.ts';

/** Where the committed document lives; the system function serves it at /openapi.json. */
export const openApiPath = fileURLToPath(new URL('../../functions/system/openapi.json', import.meta.url));

export const currentOpenApiDocument = () =>
  buildOpenApiDocument(allRoutes, { title: 'Key-person HR API', version: '1' });

export const serialise = (document: unknown) => `${JSON.stringify(document, null, 2)}\n`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(openApiPath, serialise(currentOpenApiDocument()));
  console.log(`wrote ${openApiPath}`);
}
