import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionManifest } from '#functions/manifest.ts';
import { synthesize } from '../../infra/support/synth.ts';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.ts';

let stack: TestRuntime;
let bundleOf: (functionId: string) => string;

beforeAll(async () => {
  stack = await startTestRuntime();
  // Only the function under test is bundled (as the CDK deploys it): bundling all of them is the
  // infra suite's job (test/infra/bundling.test.ts).
  const synth = synthesize({
    bundle: true,
    manifest: functionManifest.filter((f) => f.id === 'HttpMe' || f.id === 'HttpSystem'),
    workflows: [],
  });
  bundleOf = (functionId) => {
    const fn = synth.statelessStack.functions.get(functionId);
    const logicalId = synth.statelessStack.getLogicalId(fn?.function.node.defaultChild as never);
    const key = String(synth.stateless.toJSON().Resources[logicalId].Properties.Code.S3Key).replace(
      /\.zip$/,
      '',
    );
    return join(synth.outdir, `asset.${key}`, 'index.mjs');
  };
});
afterAll(() => stack.stop());

/** Runs a deployed bundle in a fresh Node, with only what Lambda would give it: env vars and an event. */
function invokeBundle(bundle: string, event: unknown, env: Record<string, string>) {
  const script = `
    const { handler } = await import(${JSON.stringify(bundle)});
    const context = { functionName: 'bundle', awsRequestId: 'r', getRemainingTimeInMillis: () => 10000 };
    console.log(JSON.stringify(await handler(${JSON.stringify(event)}, context)));`;
  const out = execFileSync(process.execPath, ['--enable-source-maps', '--input-type=module', '-e', script], {
    env: { PATH: process.env.PATH ?? '', POWERTOOLS_LOG_LEVEL: 'SILENT', ...env },
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as { statusCode: number; body: string };
}

describe('the deployed bundles', () => {
  it('answer like the source: /v1/me reads the live account with credentials from the environment alone', async () => {
    await stack.account('E3001', ['hr']);
    const event = {
      version: '2.0',
      routeKey: 'GET /v1/me',
      rawPath: '/v1/me',
      rawQueryString: '',
      headers: {},
      isBase64Encoded: false,
      requestContext: {
        requestId: 'r1',
        routeKey: 'GET /v1/me',
        authorizer: { jwt: { claims: { username: 'E3001' }, scopes: [] } },
      },
    };
    const result = invokeBundle(bundleOf('HttpMe'), event, {
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL_DYNAMODB: stack.clients.dynamodbEndpoint,
      HR_TABLE_NAME: stack.names.tables.hr,
      // Read only when a notification list pages on; GET /v1/me never fetches it.
      CURSOR_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:cursor-key',
    });
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({ employeeId: 'E3001', roles: ['hr'] });
  });

  it('carry the files their code reads: the API reference serves Swagger UI from its own bundle', () => {
    const bundle = bundleOf('HttpSystem');
    const event = (file: string) => ({
      version: '2.0',
      routeKey: 'GET /docs/{file}',
      rawPath: `/docs/${file}`,
      rawQueryString: '',
      headers: {},
      pathParameters: { file },
      isBase64Encoded: false,
      requestContext: { requestId: 'r2', routeKey: 'GET /docs/{file}' },
    });
    // Lambda's working directory is the bundle's; nothing of node_modules is there.
    const result = invokeBundle(bundle, event('swagger-ui.css'), {
      AWS_REGION: 'us-east-1',
      LAMBDA_TASK_ROOT: dirname(bundle),
    });
    expect(result.statusCode).toBe(200);
    expect(result.body).toBe(
      readFileSync(createRequire(import.meta.url).resolve('swagger-ui-dist/swagger-ui.css'), 'utf8'),
    );
  });
});
