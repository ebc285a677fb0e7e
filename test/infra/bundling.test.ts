import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { functionManifest } from '#functions/manifest.ts';
import { type Synthesized, synthesize } from './support/synth.ts';

let synth: Synthesized;
beforeAll(() => {
  synth = synthesize({ bundle: true });
});

describe('function bundles', () => {
  it('bundles every function into an ES module that loads on its own and exports the handler; what it imports lazily is a chunk of its own', () => {
    expect(synth.violations).toEqual([]);
    const functions = Object.values(synth.stateless.findResources('AWS::Lambda::Function'));
    const lazyChunks: string[] = [];
    expect(functions).toHaveLength(functionManifest.length);
    for (const fn of functions) {
      const assetHash = String(fn.Properties.Code.S3Key).replace(/\.zip$/, '');
      const assetDir = join(synth.outdir, `asset.${assetHash}`);
      const files = readdirSync(assetDir, { recursive: true, encoding: 'utf8' });
      const chunks = files.filter((f) => f.startsWith('chunks/') && f.endsWith('.mjs'));
      // Besides the code, only the files the function's manifest entry declares it reads.
      const declared = (
        functionManifest.find((d) => fn.Properties.Description === d.description)?.files ?? []
      ).map((f) => f.to);
      const folders = new Set(declared.map((to) => to.split('/').slice(0, -1).join('/')).filter(Boolean));
      expect(files.filter((f) => !f.startsWith('chunks') && !folders.has(f)).sort()).toEqual(
        ['index.mjs', 'index.mjs.map', ...declared].sort(),
      );
      expect(files.filter((f) => f.startsWith('chunks/') && !/\.mjs(\.map)?$/.test(f))).toEqual([]);
      if (fn.Properties.Description?.startsWith('Resignations, their revocation plans'))
        lazyChunks.push(...chunks);
      // A fresh node, outside node_modules' reach, with the environment the CDK gives the function
      // (a stand-in for every deploy-time value): the bundle must carry everything it needs.
      const variables = Object.keys(fn.Properties.Environment?.Variables ?? {});
      const env = Object.fromEntries(variables.map((name) => [name, `stand-in-${name.toLowerCase()}`]));
      // Every chunk too: a lazy import that fails would only show on the request that needs it.
      const script = [
        `const m = await import(${JSON.stringify(join(assetDir, 'index.mjs'))});`,
        ...chunks.map((chunk) => `await import(${JSON.stringify(join(assetDir, chunk))});`),
        'console.log(typeof m.handler);',
      ].join('\n');
      const exported = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
        cwd: assetDir,
        env: { ...env, PATH: process.env.PATH, AWS_REGION: 'eu-west-1', POWERTOOLS_LOG_LEVEL: 'SILENT' },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      expect(exported.trim()).toBe('function');
      expect(existsSync(join(assetDir, 'node_modules'))).toBe(false);
    }
    // The offboarding API's seldom-needed clients (S3, SES, KMS, Step Functions, EventBridge) load lazily.
    expect(lazyChunks.length).toBeGreaterThanOrEqual(5);
  });
});
