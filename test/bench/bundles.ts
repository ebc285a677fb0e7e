import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, type CfnElement, Stack } from 'aws-cdk-lib';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { buildApp } from '#infra/app.ts';
import { bundlingDefaults } from '#infra/constructs/houseFunction.ts';
import cdkJson from '../../cdk.json' with { type: 'json' };
import { median, percentile, table } from './stats.ts';

/**
 * Per function bundle, as the CDK builds it for Lambda: its size, and how long a fresh Node process
 * takes to start and initialise it, as a ratio to one that loads an empty module. Samples of all
 * modules are interleaved, so that a busy moment of the machine hits every module alike.
 */
const rounds = Number(process.env.BENCH_INIT_ROUNDS ?? 25);
const floorId = '(DynamoDB document client only)';
const tracerId = '(the same, traced with Powertools Tracer)';

function startOnce(modulePath: string, variables: readonly string[]): number {
  const env = {
    // The function's own environment, with a stand-in for every deploy-time value.
    ...Object.fromEntries(variables.map((name) => [name, `stand-in-${name.toLowerCase()}`])),
    PATH: process.env.PATH ?? '',
    AWS_REGION: 'eu-west-1',
    POWERTOOLS_LOG_LEVEL: 'INFO',
    NODE_OPTIONS: '--enable-source-maps', // as the house function sets it
  };
  const started = process.hrtime.bigint();
  execFileSync(
    process.execPath,
    ['--input-type=module', '-e', `await import(${JSON.stringify(modulePath)});`],
    { env },
  );
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** A module and every chunk it imports statically: what a cold start loads before the first request. */
function loadedAtStart(modulePath: string, seen = new Set<string>()): number {
  if (seen.has(modulePath)) return 0;
  seen.add(modulePath);
  const code = readFileSync(modulePath, 'utf8');
  const imports = [...code.matchAll(/(?:from|import)\s*"(\.{1,2}\/[^"]+)"/g)].map((m) => m[1] as string);
  return (
    statSync(modulePath).size +
    imports.reduce((sum, path) => sum + loadedAtStart(join(dirname(modulePath), path), seen), 0)
  );
}

/** Every .mjs file of a bundle, lazy chunks included. */
function bundleSize(dir: string): number {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.mjs'))
    .reduce((sum, file) => sum + statSync(join(dir, file)).size, 0);
}

export interface BundleResult {
  id: string;
  /** index.mjs and the chunks it imports statically. */
  kilobytes: number;
  /** Lazy chunks included. */
  totalKilobytes: number;
  medianMs: number;
  p90Ms: number;
  ratio: number;
}

export function benchBundles(): { baselineMs: number; results: BundleResult[] } {
  const outdir = mkdtempSync(join(tmpdir(), 'hr-bench-'));
  const app = new App({ outdir, context: cdkJson.context });
  const { stateless } = buildApp(app, { nag: false });
  // The floor: the DynamoDB document client alone, built the same way; and the floor with Tracer.
  const reference = new Stack(app, 'BenchReference');
  const referenceFunction = (id: string, file: string) =>
    new NodejsFunction(reference, id, {
      entry: fileURLToPath(new URL(`reference/${file}`, import.meta.url)),
      projectRoot: fileURLToPath(new URL('../..', import.meta.url)),
      depsLockFilePath: fileURLToPath(new URL('../../package-lock.json', import.meta.url)),
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      bundling: bundlingDefaults,
    });
  const references = [
    [floorId, referenceFunction('DynamoDBOnly', 'dynamodbOnly.ts')],
    [tracerId, referenceFunction('DynamoDBWithTracer', 'dynamodbWithTracer.ts')],
  ] as const;
  const assembly = app.synth();
  const referenceTemplate = assembly.getStackByName(reference.stackName).template as {
    Resources: Record<string, { Properties: { Code?: { S3Key?: string } } }>;
  };
  const referenceModule = (fn: NodejsFunction) => {
    const key =
      referenceTemplate.Resources[reference.getLogicalId(fn.node.defaultChild as CfnElement)]?.Properties.Code
        ?.S3Key;
    return { path: join(outdir, `asset.${String(key).replace(/\.zip$/, '')}`, 'index.mjs'), variables: [] };
  };
  const template = assembly.getStackByName(stateless.stackName).template as {
    Resources: Record<
      string,
      { Properties: { Code?: { S3Key?: string }; Environment?: { Variables?: object } } }
    >;
  };
  const empty = join(outdir, 'empty.mjs');
  writeFileSync(empty, '');
  const modules = new Map<string, { path: string; variables: string[] }>([
    ['(empty module)', { path: empty, variables: [] }],
    ...references.map(([id, fn]) => [id, referenceModule(fn)] as const),
  ]);
  for (const [id, fn] of stateless.functions) {
    const logicalId = stateless.getLogicalId(fn.function.node.defaultChild as CfnElement);
    const properties = template.Resources[logicalId]?.Properties;
    modules.set(id, {
      path: join(outdir, `asset.${String(properties?.Code?.S3Key).replace(/\.zip$/, '')}`, 'index.mjs'),
      variables: Object.keys(properties?.Environment?.Variables ?? {}),
    });
  }
  const samples = new Map<string, number[]>([...modules.keys()].map((id) => [id, []]));
  for (const { path, variables } of modules.values()) startOnce(path, variables); // warm the file cache
  for (let round = 0; round < rounds; round++) {
    for (const [id, { path, variables }] of modules) samples.get(id)?.push(startOnce(path, variables));
  }
  const baselineMs = median(samples.get('(empty module)') ?? []);
  const results = [...modules].map(([id, { path }]) => {
    const s = samples.get(id) ?? [];
    return {
      id,
      kilobytes: id === '(empty module)' ? 0 : loadedAtStart(path) / 1024,
      totalKilobytes: id === '(empty module)' ? 0 : bundleSize(dirname(path)) / 1024,
      medianMs: median(s),
      p90Ms: percentile(s, 90),
      ratio: median(s) / baselineMs,
    };
  });
  return { baselineMs, results };
}

export function bundleReport(): string {
  const { results } = benchBundles();
  const rows = [
    ['function', 'loaded at start KB', 'bundle KB', 'start+init ms (median)', 'p90 ms', 'ratio to empty'],
  ];
  for (const r of results) {
    rows.push([
      r.id,
      r.kilobytes.toFixed(0),
      r.totalKilobytes.toFixed(0),
      r.medianMs.toFixed(1),
      r.p90Ms.toFixed(1),
      r.ratio.toFixed(2),
    ]);
  }
  const functions = results.filter((r) => !r.id.startsWith('('));
  const worst = Math.max(...functions.map((r) => r.ratio));
  const floor = results.find((r) => r.id === floorId);
  const traced = results.find((r) => r.id === tracerId);
  const tracerCost = (traced?.medianMs ?? 0) - (floor?.medianMs ?? 0);
  return [
    table(rows),
    `worst init ratio ${worst.toFixed(2)} (target ≤ 2.0); the DynamoDB document client alone is ${floor?.ratio.toFixed(2)}, the floor of every function that reads the table`,
    `Powertools Tracer would add ${tracerCost.toFixed(1)} ms and ${((traced?.kilobytes ?? 0) - (floor?.kilobytes ?? 0)).toFixed(0)} KB to every cold start (${((traced?.medianMs ?? 0) / (floor?.medianMs ?? 1)).toFixed(2)}× the floor); the functions use Lambda's active tracing without it`,
  ].join('\n');
}

if (import.meta.main) console.log(bundleReport());
