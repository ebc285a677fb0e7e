import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { bundleSettings } from './bundleSettings.ts';

/**
 * Runs after the CDK's own esbuild run (a command hook): bundles the entry again, with code splitting,
 * over the same output. What the code imports lazily (`await import(…)`: the S3, SES, KMS, Step
 * Functions and EventBridge clients of the ports a request seldom needs) becomes chunks of its own,
 * which a cold start neither loads nor parses; without splitting, esbuild inlines them into index.mjs.
 * The CDK cannot do this itself: it builds to one --outfile, and splitting needs an --outdir.
 *
 *   node splitLazyChunks.ts <entry> <output dir>
 */
const [entry, outdir] = process.argv.slice(2);
if (!entry || !outdir) throw new Error('Usage: splitLazyChunks.ts <entry> <output dir>');
rmSync(join(outdir, 'index.mjs.map'), { force: true });
await build({
  entryPoints: { index: entry },
  outdir,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: bundleSettings.target,
  mainFields: [...bundleSettings.mainFields],
  minify: true,
  sourcemap: 'external',
  sourcesContent: false,
  charset: 'utf8',
  banner: { js: bundleSettings.banner },
  alias: bundleSettings.aliases,
  logLevel: 'error',
});
