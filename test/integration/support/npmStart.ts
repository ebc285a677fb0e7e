import { type ChildProcess, spawn } from 'node:child_process';
import { repoRoot } from '#infra/repository.ts';

/**
 * `npm start` as a user runs it: a process of its own (node on infra/local/start.ts with `args`).
 * `ready` resolves with what it printed once it says Ready, and rejects if it exits before.
 */
export function startStack(args: readonly string[]): {
  child: ChildProcess;
  ready: Promise<string>;
  /** All it printed so far, after Ready too. */
  printed: () => string;
} {
  const child = spawn(process.execPath, ['infra/local/start.ts', ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready. Ctrl-C stops.')) resolve(output);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
  });
  return { child, ready, printed: () => output };
}

/** The options that put a stack in its own data folder and on its own ports (later options win). */
export const ownPlace = (
  dataDir: string,
  ports: { api: number; dynamodb: number; s3: number; wecom: number },
) => [
  '--data-dir',
  dataDir,
  '--port',
  String(ports.api),
  '--dynamodb-port',
  String(ports.dynamodb),
  '--s3-port',
  String(ports.s3),
  '--wecom-port',
  String(ports.wecom),
];
