import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimPort } from '#infra/local/emulators/ports.ts';
import { repoRoot } from '#infra/repository.ts';
import { ownPlace, startStack } from '../support/npmStart.ts';

/**
 * The README's "A ten-minute tour", run as a newcomer runs it: `npm start` with the README's own
 * options (on free ports and a data folder of the test's), then each step's commands, in order, in one
 * bash session — the README's text itself, with its curl, jq, `npm run token` and `npm run clock`.
 */
const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const section = /\n## A ten-minute tour\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? '';
const steps = section
  .split('\n### ')
  .slice(1)
  .map((text) => ({
    title: (text.split('\n')[0] as string).replace(/^\d+\.\s*/, ''),
    script: [...text.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]).join('\n'),
  }));

/** What each step shows, in the README's order: the test and the README walk the same steps. */
const expected: { title: string; shows: (string | RegExp)[] }[] = [
  {
    title: 'Start the stack on a clock that moves only when told',
    shows: ['Demo company 宏图贸易 loaded', 'Clock      manual, at 2026-12-07 09:00 (Asia/Shanghai)'],
  },
  { title: 'Two helpers', shows: ['The clock reads 2026-12-07 09:00 (Asia/Shanghai).', 'daily job  Backup'] },
  {
    title: 'She resigns and names Li Lei her successor',
    shows: [
      /case R20261207\d{6}[0-9a-f]{6}\n/,
      /2026-12-14 00:00 {2}schedule {3}rev-R\w+-key-accounts → Revocation/,
    ],
  },
  {
    title: 'What is refused at once',
    shows: [
      '{"status":403,"code":"permission_denied","detail":"此操作需要权限 customer:export。"}',
      /2026-12-07T01:00:00.000Z {2}E1002 {2}resignation\.submitted/,
      /system {2}revocation\.stage-applied/,
    ],
  },
  {
    title: 'The case',
    shows: [
      '{"kind":"customers","deadline":"2026-12-18T16:00:00.000Z","status":"open"}',
      '{"kind":"assets","deadline":"2026-12-21T16:00:00.000Z","status":"open"}',
      '{"kind":"customers","status":"open"}',
    ],
  },
  {
    title: 'D−7: her key accounts go',
    shows: [
      /2026-12-08 02:00 {2}daily job {2}Backup[\s\S]*2026-12-14 00:00 {2}schedule {3}rev-\w+-key-accounts/,
      '{"status":404,"code":"not_found"}',
    ],
  },
  {
    title: 'The reminder two days before',
    shows: [
      /2026-12-17 00:00 {2}timeout {4}Wait for confirmation — Handover R\w+/,
      '提醒：客户交接还剩 2 天',
    ],
  },
  {
    title: 'An overdue node and its escalation',
    shows: [
      '{"kind":"customers","status":"open","overdueSince":"2026-12-18T16:00:00.000Z"}',
      '已逾期：王芳 的客户交接',
      '{"kind":"customers","status":"closed"}',
    ],
  },
  {
    title: 'The rest of the handover',
    shows: [
      '{"status":"completed","nodes":[{"kind":"customers","status":"closed"},{"kind":"work-report","status":"closed"},{"kind":"team","status":"closed"},{"kind":"assets","status":"closed"}]}',
    ],
  },
  {
    title: 'The report',
    shows: [
      /\{"customers":\[\{"successorId":"E1003","count":37\},\{"successorId":"E1013","count":3\}\],"signatures":\d+,"late":\["customers"\]\}/,
    ],
  },
  {
    title: 'Her account, when her last day ends',
    shows: [
      /2026-12-22 00:00 {2}schedule {3}rev-\w+-account → Revocation/,
      '{"status":403,"code":"account_disabled"}',
    ],
  },
];

let dataDir: string;
let stack: ChildProcess | undefined;
let shell: ChildProcess | undefined;
let output = '';
let startBanner = '';
const reportFile = join(repoRoot, 'report.html');

/** Runs a step's commands in the one shell and returns what they printed. */
function run(script: string): Promise<string> {
  const marker = `__step_done_${Math.random().toString(36).slice(2)}__`;
  const from = output.length;
  return new Promise((resolve, reject) => {
    const exited = (code: number | null) =>
      reject(new Error(`bash exited with ${code}:\n${output.slice(from)}`));
    const look = () => {
      const at = output.indexOf(marker, from);
      if (at < 0) return;
      shell?.stdout?.off('data', look);
      shell?.off('exit', exited);
      resolve(output.slice(from, at));
    };
    shell?.stdout?.on('data', look);
    shell?.once('exit', exited);
    shell?.stdin?.write(`${script}\necho ${marker}\n`);
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'hr-tour-'));
  const ports = {
    api: await claimPort(0, 'api', 'PORT'),
    dynamodb: await claimPort(0, 'ddb', 'x'),
    s3: await claimPort(0, 's3', 'x'),
    wecom: await claimPort(0, 'wecom', 'x'),
  };
  const [start] = steps;
  const startLine = /^npm start -- (.+)$/m.exec(start?.script ?? '')?.[1];
  if (!startLine) throw new Error('The tour does not start with npm start -- …');
  // The README's options first; the test's own data folder and ports after them win.
  const { child, ready } = startStack([...startLine.split(/\s+/), ...ownPlace(dataDir, ports)]);
  stack = child;
  startBanner = await ready;
  shell = spawn('bash', ['--noprofile', '--norc'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`,
      API: `http://127.0.0.1:${ports.api}`,
      HR_DATA_DIR: dataDir,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  shell.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  shell.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
}, 180_000);

afterAll(async () => {
  shell?.stdin?.end();
  shell?.kill('SIGKILL');
  if (stack && stack.exitCode === null)
    await new Promise((resolve) => {
      stack?.once('exit', resolve);
      stack?.kill('SIGINT');
    });
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(reportFile, { force: true });
});

describe('the ten-minute tour of the README', () => {
  it('has the steps this test walks', () => {
    expect(steps.map((s) => s.title)).toEqual(expected.map((s) => s.title));
  });

  it.each(expected.map((step, index) => ({ ...step, index })))(
    'step $index: $title',
    async ({ index, shows }) => {
      const shown = index === 0 ? startBanner : await run(steps[index]?.script ?? '');
      for (const what of shows)
        if (typeof what === 'string') expect(shown).toContain(what);
        else expect(shown).toMatch(what);
      if (index === expected.length - 2) {
        // The HTML report the step saved is the one for people: titled in both languages, about her.
        expect(existsSync(reportFile)).toBe(true);
        expect(readFileSync(reportFile, 'utf8')).toMatch(/离职交接报告 \/ Handover report[\s\S]*王芳/);
      }
    },
    120_000,
  );
});
