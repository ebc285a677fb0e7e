import { join } from 'node:path';
import { repoRoot } from '../repository.ts';

/** The settings every Lambda bundle shares, for the CDK's esbuild run and the splitting run after it. */
export const bundleSettings = {
  target: 'node24',
  mainFields: ['module', 'main'],
  // A CommonJS dependency inside an ES module bundle may still call require().
  banner: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);",
  // Cold-start trims, each explained in its file here.
  aliases: {
    'node:http': join(repoRoot, 'infra/bundling/nodeHttp.cjs'),
    http: join(repoRoot, 'infra/bundling/nodeHttp.cjs'),
    '@aws-sdk/credential-provider-node': join(repoRoot, 'infra/bundling/lambdaCredentials.ts'),
  },
} as const;
