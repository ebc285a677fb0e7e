import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { allRoutes } from '#functions/routes.ts';
import { buildOpenApiDocument } from '#http/openapi.ts';
import { apiThrottle } from '#infra/constructs/api.ts';
import { commandOptions } from './cli.ts';

/** Where the committed document lives; the system function serves it at /openapi.json. */
export const openApiPath = fileURLToPath(new URL('../../functions/system/openapi.json', import.meta.url));

export const currentOpenApiDocument = () =>
  buildOpenApiDocument(allRoutes, {
    title: 'Key-person HR API',
    version: '1',
    description: [
      'The HR system a company deploys into its own AWS account: people, customers as company assets, and a controlled handover when someone leaves.',
      '',
      `Throttling: API Gateway limits the stage to ${apiThrottle.rateLimit} requests per second with bursts of ${apiThrottle.burstLimit}, for all callers together; above that it answers 429 (\`{"message":"Too Many Requests"}\`, without rate-limit headers). Retry with backoff.`,
      '',
      'Refusals are problem+json (RFC 9457) with a stable `code`; each operation lists the codes it may answer, by status.',
      '',
      'Locally (`npm start`) the same API answers on http://localhost:3000.',
    ].join('\n'),
    servers: [
      {
        url: 'https://{apiId}.execute-api.{region}.amazonaws.com',
        description:
          "Production: the deployed stack's HTTP API (the stack's ApiUrl output), in the company's own AWS account",
        'x-internal': true,
        variables: {
          apiId: { default: 'abcdef1234', description: 'The id of the HTTP API' },
          region: { default: 'ap-east-1', description: 'The region the stack is deployed in' },
        },
      },
    ],
  });

export const serialise = (document: unknown) => `${JSON.stringify(document, null, 2)}\n`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  commandOptions('npm run openapi   write functions/system/openapi.json from the routes (no options)', {});
  writeFileSync(openApiPath, serialise(currentOpenApiDocument()));
  console.log(`wrote ${openApiPath}`);
}
