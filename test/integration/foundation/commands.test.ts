import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '#infra/repository.ts';

/** Our own commands: every npm script that runs one of the repository's files with node. */
const scripts = Object.entries(
  (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
    .scripts,
).flatMap(([name, line]) => {
  const match = /^node (\S+\.ts)((?: [\w:-]+)*)$/.exec(line);
  return match ? [{ name, file: match[1] as string, args: (match[2] ?? '').split(' ').filter(Boolean) }] : [];
});
const run = (file: string, args: string[]) =>
  spawnSync(process.execPath, [join(repoRoot, file), ...args], { encoding: 'utf8', timeout: 30_000 });

describe('the commands', () => {
  it('are the ones the README names', () => {
    expect(scripts.map((s) => s.name).sort()).toEqual(
      [
        'backup:verify',
        'bench',
        'clock',
        'evidence:verify',
        'openapi',
        'restore',
        'screenshots',
        'start',
        'token',
      ].sort(),
    );
  });

  it.each(scripts)('npm run $name -- --help: its options, exit 0', ({ file, args }) => {
    const result = run(file, [...args, '--help']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^npm /);
    expect(result.stderr).toBe('');
  });

  it.each(scripts)('npm run $name -- --no-such-option: one line naming it, exit 2', ({ file, args }) => {
    const result = run(file, [...args, '--no-such-option']);
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe("✗ Unknown option '--no-such-option' (see --help)");
  });
});
