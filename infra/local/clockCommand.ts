import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandLine } from '../tools/cli.ts';
import { type ClockAnswer, wallClock } from './clockControl.ts';
import { stackDataDir } from './dataDir.ts';

/** `npm run clock -- +3d`: moves the manual clock of the running local stack; everything due in between runs. */
const { values: args, positionals } = commandLine(
  `
npm run clock [-- <when>] [options]   the manual clock of a stack started with --clock manual

  <when>             +3d, +2h, +1d12h, +30m, +1w; or a time on the company's clock (2026-12-20T09:00,
                     2026-12-20 for its midnight), or with an offset (2026-12-20T01:00Z).
                     Every schedule, daily job and workflow timeout due in between runs, in order.
                     Without <when>: the time now and what is due next.
  --data-dir <dir>   the data folder of the stack (default: the one npm start last ran on)
  --json             the answer as JSON
  --help             this
`,
  { 'data-dir': { type: 'string' }, json: { type: 'boolean', default: false } },
  { positionals: 1 },
);

function fail(message: string): never {
  console.error(`✗ ${message}`);
  process.exit(1);
}

const runtimeFile = join(stackDataDir(args['data-dir']), 'runtime.json');
if (!existsSync(runtimeFile)) fail('The local stack is not running: npm start -- --demo --clock manual');
const running = JSON.parse(readFileSync(runtimeFile, 'utf8')) as { clock?: string };
if (!running.clock)
  fail('This stack runs on the system clock: start it with npm start -- --clock manual to move time.');

const [to] = positionals;
const response = await fetch(running.clock, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(to ? { to } : {}),
}).catch(() => fail('The local stack does not answer: is npm start still running?'));
const answer = (await response.json()) as ClockAnswer & { error?: string };
if (!response.ok) fail(answer.error ?? `The clock answered ${response.status}`);
if (args.json) {
  console.log(JSON.stringify(answer, null, 2));
  process.exit(0);
}

const zone = answer.timeZone;
const line = (work: { at: string; kind: string; what: string }) =>
  `  ${wallClock(work.at, zone)}  ${work.kind.padEnd(9)}  ${work.what}`;
console.log(`The clock reads ${wallClock(answer.now, zone)} (${zone}).`);
if (to)
  console.log(
    answer.fired?.length
      ? `Ran on the way, in order:\n${answer.fired.map(line).join('\n')}`
      : 'Nothing was due.',
  );
// Daily jobs that run at the same minute share a line, so the next schedules and timeouts stay in view.
const upcoming = answer.upcoming.reduce<{ at: string; kind: string; what: string }[]>((lines, work) => {
  const last = lines.at(-1);
  if (last && work.kind === 'daily job' && last.kind === 'daily job' && last.at === work.at)
    lines[lines.length - 1] = { ...last, what: `${last.what}, ${work.what}` };
  else lines.push(work);
  return lines;
}, []);
console.log(upcoming.length ? `Next:\n${upcoming.slice(0, 5).map(line).join('\n')}` : 'Nothing is due.');
