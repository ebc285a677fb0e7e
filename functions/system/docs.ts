import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The API reference at /docs: Swagger UI (swagger-ui-dist, pinned in package.json) showing
 * /openapi.json, served by this function, nothing from a CDN. Its script and style files are copied
 * into the bundle beside index.mjs (the manifest's `files`); locally they are read from node_modules.
 */
export const docsFiles = {
  'swagger-ui.css': { from: 'node_modules/swagger-ui-dist/swagger-ui.css', type: 'text/css; charset=utf-8' },
  'swagger-ui-bundle.js': {
    from: 'node_modules/swagger-ui-dist/swagger-ui-bundle.js',
    type: 'text/javascript; charset=utf-8',
  },
} as const;
export type DocsFile = keyof typeof docsFiles;

/** Where a copied file is in the bundle. */
export const bundledPath = (name: string) => `docs/${name}`;

// Relative links: the page works under any stage or base path (/docs → /docs/…, /openapi.json).
const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Key-person HR API reference</title>
<link rel="stylesheet" href="docs/swagger-ui.css">
</head>
<body>
<div id="reference"></div>
<script src="docs/swagger-ui-bundle.js"></script>
<script src="docs/start.js"></script>
</body>
</html>
`;

// Its own file, not inline: the page's Content-Security-Policy allows scripts from here only. The API
// that serves the page is the first server, so "Try it out" calls it (locally or deployed).
const start = `const documentUrl = new URL('openapi.json', document.baseURI);
fetch(documentUrl)
  .then((response) => response.json())
  .then((spec) => {
    const here = { url: new URL('.', documentUrl).href.replace(/\\/$/, ''), description: 'This API (it serves this page)' };
    spec.servers = [here, ...(spec.servers ?? [])];
    window.ui = SwaggerUIBundle({
      spec,
      dom_id: '#reference',
      deepLinking: true,
      persistAuthorization: false,
      displayRequestDuration: true,
    });
  });
`;

/** Scripts and styles from here only; Swagger UI sets inline styles and shows data: images. */
export const docsSecurityPolicy =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const cached = new Map<string, string>();

async function bundled(name: DocsFile): Promise<string> {
  const known = cached.get(name);
  if (known !== undefined) return known;
  const root = process.env.LAMBDA_TASK_ROOT;
  const path = root
    ? join(root, bundledPath(name))
    : fileURLToPath(new URL(`../../${docsFiles[name].from}`, import.meta.url));
  const text = await readFile(path, 'utf8');
  cached.set(name, text);
  return text;
}

export const docsPage = () => page;

/** One of the page's files, with its media type. */
export async function docsFile(name: DocsFile | 'start.js'): Promise<{ text: string; type: string }> {
  if (name === 'start.js') return { text: start, type: 'text/javascript; charset=utf-8' };
  return { text: await bundled(name), type: docsFiles[name].type };
}
