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
  it('bundles every function into one ES module that loads on its own and exports the handler', () => {
    expect(synth.violations).toEqual([]);
    const functions = Object.values(synth.stateless.findResources('AWS::Lambda::Function'));
    expect(functions).toHaveLength(functionManifest.length);
    for (const fn of functions) {
      const assetHash = String(fn.Properties.Code.S3Key).replace(/\.zip$/, '');
      const assetDir = join(synth.outdir, `asset.${assetHash}`);
      expect(readdirSync(assetDir).sort()).toEqual(['index.mjs', 'index.mjs.map']);
      // A fresh node, outside node_modules' reach, with the environment the CDK gives the function
      // (a stand-in for every deploy-time value): the bundle must carry everything it needs.
      const variables = Object.keys(fn.Properties.Environment?.Variables ?? {});
      const env = Object.fromEntries(variables.map((name) => [name, `stand-in-${name.toLowerCase()}`]));
      const script = `const m = await import(${JSON.stringify(join(assetDir, 'index.mjs'))}); console.log(typeof m.handler);`;
      const exported = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
        cwd: assetDir,
        env: { ...env, PATH: process.env.PATH, AWS_REGION: 'eu-west-1', POWERTOOLS_LOG_LEVEL: 'SILENT' },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      expect(exported.trim()).toBe('function');
      expect(existsSync(join(assetDir, 'node_modules'))).toBe(false);
    }
  });
});
