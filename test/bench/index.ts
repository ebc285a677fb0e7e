import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { commandOptions } from '#infra/tools/cli.ts';

/**
 * `npm run bench`: numbers and ratios, never pass/fail. Each capability adds its section here. Each
 * section runs in its own process: a local runtime is one per process (handlers keep their clients).
 */
const sections: [title: string, file: string][] = [
  ['Function bundles: size and cold-start module initialisation', 'bundles.ts'],
  ['HTTP stack: in-process overhead per request', 'httpStack.ts'],
  ['People: through the local HTTP API', 'people.ts'],
  ['Customers: through the local HTTP API', 'customers.ts'],
  ['Offboarding: resignations and their revocation plans', 'offboarding.ts'],
  ['Handover workflow: state transitions and cost of one offboarding', 'handover.ts'],
  ['Handover responses: sizes for books of 200 and 2,000 customers', 'caseSize.ts'],
  ['Backups: throughput and peak memory for 100,000 customer records', 'backups.ts'],
  ['Imports: 10,000 and 50,000 employees as jobs, rows/s and peak memory', 'imports.ts'],
  ['Risk: a team of 50 with 2,000 customers; the daily snapshot for 5,000 employees', 'risk.ts'],
  ['Notices: publishing to 5,000 recipients and delivering to them', 'notices.ts'],
  ['Performance: a review cycle for 5,000 employees over 500,000 deals; a score view', 'performance.ts'],
  ['Succession: the report for 5,000 employees and 200 key positions; a team’s skill gaps', 'succession.ts'],
  ['Attendance: punches per second; the day job and the monthly report for 5,000 employees', 'attendance.ts'],
];

commandOptions(
  `
npm run bench   numbers and ratios, never pass/fail, each section in a process of its own:
${sections.map(([title]) => `  - ${title}`).join('\n')}
`,
  {},
);

let failed = 0;
for (const [title, file] of sections) {
  console.log(`\n== ${title} ==`);
  const run = spawnSync(process.execPath, [fileURLToPath(new URL(file, import.meta.url))], {
    stdio: 'inherit',
    env: { ...process.env, POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'INFO' },
  });
  if (run.status !== 0) failed++;
}
process.exitCode = failed > 0 ? 1 : 0;
