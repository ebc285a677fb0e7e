import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type BuildOptions, build, type Metafile, type Plugin } from 'esbuild';
import { bundleSettings } from './bundleSettings.ts';
import { pureSchemas } from './pureSchemas.ts';

/**
 * Runs after the CDK's own esbuild run (a command hook): bundles the entry again, with code splitting,
 * over the same output. What the code imports lazily (`await import(…)`: the SDK clients of the ports a
 * request seldom needs) becomes chunks of its own, which a cold start neither loads nor parses; without
 * splitting, esbuild inlines them into index.mjs. The CDK cannot do this itself: it builds to one
 * --outfile, and splitting needs an --outdir.
 *
 * esbuild plans its chunks around every `import()` it meets, also those in code that tree-shaking then
 * drops (a wiring module's port that this function never uses): such a lazy module would still leave
 * its share of the SDK in the chunks loaded at start. So a first pass finds the lazy imports the
 * emitted code keeps, and the second leaves every other one out of the module graph.
 *
 *   node splitLazyChunks.ts <entry> <output dir>
 */
const [entry, outdir] = process.argv.slice(2);
if (!entry || !outdir) throw new Error('Usage: splitLazyChunks.ts <entry> <output dir>');

const options: BuildOptions = {
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
  plugins: [pureSchemas(resolve(import.meta.dirname, '../..'))],
};

/** The output files index.mjs loads, statically or lazily (metafile paths are relative to the cwd). */
function reachedOutputs(metafile: Metafile): Set<string> {
  const index = Object.keys(metafile.outputs).find(
    (file) => resolve(file) === join(resolve(outdir as string), 'index.mjs'),
  );
  if (!index) throw new Error(`esbuild wrote no index.mjs for ${entry}`);
  const reached = new Set<string>();
  const visit = (file: string) => {
    if (reached.has(file)) return;
    reached.add(file);
    for (const imported of metafile.outputs[file]?.imports ?? [])
      if (!imported.external) visit(imported.path);
  };
  visit(index);
  return reached;
}

const { metafile: plan } = await build({ ...options, metafile: true, write: false });
const kept = new Set(
  [...reachedOutputs(plan)].flatMap((file) => {
    const source = plan.outputs[file]?.entryPoint;
    return source ? [resolve(source)] : [];
  }),
);
const dropped = new Set(
  Object.values(plan.inputs).flatMap((input) =>
    input.imports.filter((i) => i.kind === 'dynamic-import' && !i.external).map((i) => resolve(i.path)),
  ),
);
for (const source of kept) dropped.delete(source);

/** Leaves the lazy imports the first pass found unreachable out of the graph (their code is gone). */
const withoutUnusedLazyImports: Plugin = {
  name: 'without-unused-lazy-imports',
  setup(builder) {
    builder.onResolve({ filter: /.*/ }, async (args) => {
      if (args.kind !== 'dynamic-import' || args.pluginData === 'resolving') return undefined;
      const resolved = await builder.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: 'resolving',
      });
      return dropped.has(resolved.path) ? { path: args.path, external: true } : undefined;
    });
  },
};

rmSync(join(outdir, 'index.mjs.map'), { force: true });
const { metafile: written } = await build({
  ...options,
  metafile: true,
  plugins: [...(options.plugins ?? []), withoutUnusedLazyImports],
});
// Whatever the second pass still planned but nothing reaches is not worth shipping.
const reached = reachedOutputs(written);
for (const file of Object.keys(written.outputs)) {
  if (file.endsWith('.map') || reached.has(file)) continue;
  rmSync(resolve(file), { force: true });
  rmSync(resolve(`${file}.map`), { force: true });
}
