import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LocalTaskState, LocalWorkflowDefinition } from '#adapters/local/localWorkflow.ts';
import { repoRoot } from './paths.ts';

/** Where the synthesized workflows are kept: node_modules/.cache, where tools keep what they can rebuild. */
const cacheFolder = join(repoRoot, 'node_modules', '.cache', 'hr-local-workflows');

/** Everything the synthesized app is made from: the product's source, the CDK context, the locked packages. */
function sourceHash(): string {
  const hash = createHash('sha256');
  const files = ['infra', 'functions', 'shared'].flatMap((folder) =>
    readdirSync(join(repoRoot, folder), { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.(ts|json|cjs)$/.test(f))
      .map((f) => join(folder, f)),
  );
  for (const file of [...files.sort(), 'cdk.json', 'package-lock.json'])
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(join(repoRoot, file)))
      .update('\0');
  return hash.digest('hex').slice(0, 32);
}

type StoredWorkflow = Omit<LocalWorkflowDefinition, 'tasks'> & { tasks: [string, LocalTaskState][] };

/**
 * The product's own workflows as synthesized from this version of the source. Building the CDK app
 * takes seconds that every `npm start` and every test file would pay, so the result is kept by the
 * source's hash; a change to any source file synthesizes again. A file is written whole or not at all.
 */
export async function productLocalWorkflows(): Promise<LocalWorkflowDefinition[]> {
  const file = join(cacheFolder, `${sourceHash()}.json`);
  try {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as StoredWorkflow[];
    return stored.map((w) => ({ ...w, tasks: new Map(w.tasks) }));
  } catch {
    // Not kept yet (or unreadable): synthesize, which loads the CDK.
  }
  const [{ synthesizeLocalWorkflows }, { functionManifest }, { productWorkflows }] = await Promise.all([
    import('./workflows.ts'),
    import('#functions/manifest.ts'),
    import('../workflows/index.ts'),
  ]);
  const definitions = synthesizeLocalWorkflows(functionManifest, productWorkflows);
  mkdirSync(cacheFolder, { recursive: true });
  // What older sources synthesized is of no more use.
  for (const old of readdirSync(cacheFolder).filter((f) => f.endsWith('.json')))
    rmSync(join(cacheFolder, old), { force: true });
  const partial = `${file}.${process.pid}.tmp`;
  const stored: StoredWorkflow[] = definitions.map((w) => ({ ...w, tasks: [...w.tasks] }));
  writeFileSync(partial, JSON.stringify(stored));
  renameSync(partial, file);
  return definitions;
}
