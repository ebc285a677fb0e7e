import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { makeHrTable } from '#adapters/aws/platform/hrTable.ts';
import { ManualClock } from '#adapters/local/manualClock.ts';
import { localDate } from '#kernel/time.ts';
import { DeploymentConfig } from '../config.ts';
import { commandOptions } from '../tools/cli.ts';
import { clockTarget, saveClock, savedClock, startClockControl, wallClock } from './clockControl.ts';
import { scheduledEvent } from './dailyJobs.ts';
import { pointAtStack, resetDataDir, runningStackOn } from './dataDir.ts';
import { loadDemoAttendance } from './demo/demoAttendance.ts';
import { loadDemoGrowth } from './demo/demoGrowth.ts';
import { loadDemoReviews } from './demo/demoReviews.ts';
import { loadDemoCompany } from './demo/loadDemo.ts';
import { checkJava } from './emulators/dynamodbLocal.ts';
import { startEmulators } from './emulators/emulators.ts';
import { claimPort } from './emulators/ports.ts';
import { defaultDataDir, repoRoot } from './paths.ts';
import { startLocalRuntime } from './runtime.ts';
import { startWeComFake } from './wecomFake.ts';

/**
 * `npm start`: the whole product on this machine. Data lives in .data/ and survives restarts;
 * `-- --demo` loads a demo company into an empty store and prints tokens to try the API with;
 * `-- --reset` first removes what earlier starts kept in the data folder.
 */
const args = commandOptions(
  `
npm start [-- options]   the whole product on this machine: emulators, HTTP API, workflows, scheduler

  --demo               load the demo company (宏图贸易) into an empty store and print a token per role
  --reset              first remove what earlier starts kept in the data folder (it says what)
  --data-dir <dir>     where data lives between starts (default .data/, or HR_DATA_DIR)
  --port <n>           the API's port (default 3000, or PORT)
  --dynamodb-port <n>  DynamoDB Local's port (default 8000, or DYNAMODB_PORT)
  --s3-port <n>        the S3 emulator's port (default 4566, or S3_PORT)
  --wecom-port <n>     the WeCom (企业微信) fake's port (default 4570, or WECOM_PORT)
  --verbose            the functions' logs at INFO
  --log-format <f>     the request log: text (default, readable) or json (one JSON line per request)
  --clock <c>          system (default) or manual: time moves only with npm run clock -- +3d, and
                       everything due in between (schedules, timeouts, daily jobs) runs in order
  --clock-start <t>    where a manual clock starts, on the company's clock (2026-12-07T09:00); default:
                       where it stood when this data folder last ran, else now
  --help               this
`,
  {
    demo: { type: 'boolean', default: false },
    reset: { type: 'boolean', default: false },
    'data-dir': { type: 'string', default: process.env.HR_DATA_DIR ?? defaultDataDir },
    port: { type: 'string', default: process.env.PORT ?? '3000' },
    'dynamodb-port': { type: 'string', default: process.env.DYNAMODB_PORT ?? '8000' },
    's3-port': { type: 'string', default: process.env.S3_PORT ?? '4566' },
    'wecom-port': { type: 'string', default: process.env.WECOM_PORT ?? '4570' },
    verbose: { type: 'boolean', default: false },
    'log-format': { type: 'string', default: 'text' },
    clock: { type: 'string', default: 'system' },
    'clock-start': { type: 'string' },
  },
);
if (args['log-format'] !== 'text' && args['log-format'] !== 'json') fail('--log-format takes text or json');
if (args.clock !== 'system' && args.clock !== 'manual') fail('--clock takes system or manual');
if (args['clock-start'] && args.clock !== 'manual') fail('--clock-start goes with --clock manual');

function fail(message: string): never {
  console.error(`\n✗ ${message}\n`);
  process.exit(1);
}

// The deployment's CORS origins (cdk.json's context) apply locally too, as API Gateway applies them.
const context = (
  JSON.parse(readFileSync(join(repoRoot, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> }
).context;
const dataDir = args['data-dir'];
mkdirSync(dataDir, { recursive: true });
const inRepo = relative(repoRoot, dataDir);
const shownDataDir = inRepo && !inRepo.startsWith('..') ? inRepo : dataDir;
if (args.reset) {
  const running = await runningStackOn(dataDir);
  if (running) fail(`A stack started on ${shownDataDir} is running (${running}): stop it before --reset.`);
  const removed = resetDataDir(dataDir);
  console.log(
    removed.length === 0
      ? `--reset: ${shownDataDir}/ holds nothing of an earlier start.`
      : `--reset removes from ${shownDataDir}/:\n${removed.map((line) => `  ${line}`).join('\n')}`,
  );
}
// A manual clock resumes where this data folder's clock stood: its records never lie in the future.
const settings = DeploymentConfig.parse({ corsOrigins: context?.corsOrigins });
const saved = savedClock(dataDir);
let clock: ManualClock | undefined;
if (args.clock === 'manual') {
  let start = saved && saved > new Date() ? saved : new Date();
  if (args['clock-start']) {
    try {
      start = clockTarget(args['clock-start'], new Date(), settings.companyTimeZone);
    } catch (error) {
      fail(`--clock-start: ${(error as Error).message}`);
    }
    if (saved && start < saved)
      fail(
        `This data folder's clock already reads ${wallClock(saved, settings.companyTimeZone)}; time does not go back (--reset starts over).`,
      );
  }
  clock = new ManualClock(start);
  saveClock(dataDir, start);
}
const futureData =
  !clock && saved && saved > new Date()
    ? `\n  Note       a manual clock moved this data folder to ${wallClock(saved, settings.companyTimeZone)}: records are dated after now`
    : '';

try {
  checkJava();
} catch (error) {
  fail((error as Error).message);
}

const apiPort = await claimPort(Number(args.port), 'the API', 'PORT').catch((error: Error) =>
  fail(error.message),
);
const wecomPort = await claimPort(Number(args['wecom-port']), 'the WeCom fake', 'WECOM_PORT').catch(
  (error: Error) => fail(error.message),
);
const emulators = await startEmulators({
  dataDir,
  dynamodbPort: Number(args['dynamodb-port']),
  s3Port: Number(args['s3-port']),
}).catch((error: Error) => fail(error.message));

// WeCom (企业微信) as a fake on loopback: every employee with a wecomUserId is a member, the keys are
// this run's own, and what a member receives is printed and listed at /_fake/messages.
const wecom = {
  corpId: 'ww-local',
  corpSecret: randomBytes(16).toString('hex'),
  agentId: 1000002,
  callbackToken: randomBytes(8).toString('hex'),
  callbackAesKey: randomBytes(32).toString('base64').replace(/=$/, ''),
  appUrl: `http://127.0.0.1:${apiPort}`,
};
const wecomFake = await startWeComFake({
  corpId: wecom.corpId,
  corpSecret: wecom.corpSecret,
  members: 'anyone',
  port: wecomPort,
  now: () => runtime.clock.now(),
  callback: {
    url: () => `http://127.0.0.1:${apiPort}/v1/wecom/callback`,
    token: wecom.callbackToken,
    aesKey: wecom.callbackAesKey,
  },
  onMessage: (m) =>
    console.log(`  WeCom → ${m.userId}: ${m.title}${m.buttonKey ? '  [button]' : ''}  (msgid ${m.msgid})`),
});
const runtime = await startLocalRuntime({
  emulators: emulators.endpoints,
  wecom: { apiBase: wecomFake.url, ...wecom },
  port: apiPort,
  dataDir,
  settings,
  ...(clock ? { clock, tick: true } : {}),
  logLevel: args.verbose ? 'INFO' : 'WARN',
  // Readable by default; JSON lines (with the request id the functions log too) on request.
  onRequest: (entry) =>
    console.log(
      args['log-format'] === 'json'
        ? JSON.stringify({ level: 'INFO', message: 'Request', timestamp: new Date().toISOString(), ...entry })
        : `  ${entry.method} ${entry.path} → ${entry.status} (${entry.ms} ms)  ${entry.requestId}`,
    ),
}).catch(async (error: Error) => {
  await emulators.stop();
  await wecomFake.stop();
  return fail(error.message);
});

let demoLines = '';
let demoPeople: { id: string; roles: readonly string[] }[] | undefined;
if (args.demo) {
  const demo = await loadDemoCompany({
    dynamo: runtime.clients.dynamo,
    names: runtime.names,
    identity: runtime.identity,
    clock: runtime.clock,
    timeZone: runtime.settings.companyTimeZone,
  });
  const { company } = demo;
  if (demo.loaded) demoPeople = company.people;
  if (!demo.loaded) {
    demoLines = `
--demo: the store already holds data (tables ${demo.holding.join(', ')}), so the demo company was not
loaded and nothing was changed. To start over with the demo company:
  npm start -- --demo --reset   (removes the tables, buckets, outbox and keys kept in ${shownDataDir}/)
`;
  } else {
    const tokens = await Promise.all(
      company.featured.map(async ({ id, why }) => {
        const person = company.people.find((p) => p.id === id);
        const token = await runtime.identityProvider.issue({
          employeeId: id,
          groups: person?.roles ?? [],
          ttlSeconds: 12 * 3600,
        });
        return `  ${id}  ${why}
    ${token}`;
      }),
    );
    demoLines = `
Demo company 宏图贸易 loaded: ${company.departments.length} departments, ${company.people.length} employees, ${company.customers.length} customers.
Tokens (valid 12 hours; more with npm run token -- --as <employee id>):
${tokens.join('\n')}
Try:  curl -H "Authorization: Bearer <token>" ${runtime.url}/v1/me
`;
  }
}

const control = clock
  ? await startClockControl({ runtime, timeZone: settings.companyTimeZone, dataDir })
  : undefined;
const runtimeFile = join(dataDir, 'runtime.json');
writeFileSync(
  runtimeFile,
  JSON.stringify(
    {
      api: runtime.url,
      ...emulators.endpoints,
      wecom: wecomFake.url,
      names: runtime.names,
      ...(control ? { clock: control.url } : {}),
    },
    null,
    2,
  ),
);
// npm run token, evidence:verify, backup:verify and restore find this stack without --data-dir.
pointAtStack(dataDir);

// "Ready" only once the API's readiness check passes (DynamoDB and S3 answer through it).
let readiness = '';
for (let attempt = 0; attempt < 50; attempt++) {
  const answer = await fetch(`${runtime.url}/health/ready`).catch((error: Error) => error);
  if (answer instanceof Response && answer.ok) {
    readiness = 'ok';
    break;
  }
  readiness =
    answer instanceof Response
      ? (((await answer.json()) as { detail?: string }).detail ?? '')
      : answer.message;
  await new Promise((resolve) => setTimeout(resolve, 200));
}
if (readiness !== 'ok') {
  await runtime.stop();
  await emulators.stop();
  await wecomFake.stop();
  fail(`The API is not ready: ${readiness}`);
}

// The demo's review cycles go through the API and its computation workflow, so only once it is ready.
if (demoPeople) {
  const people = demoPeople;
  const call = async (path: string) =>
    (await (
      await fetch(`${runtime.url}${path}`, {
        headers: { authorization: `Bearer ${await tokenOf('E1040')}` },
      })
    ).json()) as { status?: string; computation?: { failed?: { reason: string } } };
  const tokenOf = (employeeId: string) =>
    runtime.identityProvider.issue({
      employeeId,
      groups: [...(people.find((p) => p.id === employeeId)?.roles ?? [])],
      ttlSeconds: 600,
    });
  try {
    const reviews = await loadDemoReviews({
      url: runtime.url,
      token: tokenOf,
      today: localDate(runtime.clock.now(), settings.companyTimeZone),
      settle: async (cycleId) => {
        for (let attempt = 0; attempt < 300; attempt++) {
          const cycle = await call(`/v1/review-cycles/${cycleId}`);
          if (cycle.status === 'computed') return;
          if (cycle.computation?.failed) throw new Error(cycle.computation.failed.reason);
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
        throw new Error(`The demo cycle ${cycleId} was not computed within a minute`);
      },
    });
    demoLines += `Reviews: two half-year cycles computed and released (${reviews.cycleIds.join(', ')}); Wang Fang's team
  from 3 of 10 closing alone to 6 of 10: GET /v1/employees/E1002/team-independence, /v1/employees/E1002/scores
`;
    const growth = await loadDemoGrowth({
      url: runtime.url,
      token: tokenOf,
      table: makeHrTable(runtime.clients.dynamo, runtime.names.tables.hr),
      timeZone: settings.companyTimeZone,
      dealsAloneKpiId: String(reviews.kpis[0]),
    });
    demoLines += `Training and succession: the key-account course and its effect, GET /v1/trainings/${growth.trainingId}/effectiveness;
  Wang Fang's position, Li Lei ready in about 6 months: GET /v1/succession/report?format=html
`;
    const attendance = await loadDemoAttendance({
      url: runtime.url,
      token: tokenOf,
      table: makeHrTable(runtime.clients.dynamo, runtime.names.tables.hr),
      today: localDate(runtime.clock.now(), settings.companyTimeZone),
      now: runtime.clock.now(),
      closeDays: () =>
        runtime.functions.invoke('AttendanceDays', scheduledEvent('AttendanceDays', runtime.clock.now())),
    });
    demoLines += `Attendance: a week at the Shanghai HQ and the London desk; Wang Fang claims 3 h twice "for a client dinner",
  the punches show 5 minutes: GET /v1/overtime-claims?employeeId=E1002&month=${attendance.workdays.at(-1)?.slice(0, 7)}
`;
  } catch (error) {
    demoLines += `Reviews, training and succession: the demo's could not be made: ${(error as Error).message}\n`;
  }
}

// Workflow executions do not outlive the process: open handovers continue in new ones.
const resumedLine =
  runtime.resumedCases.length > 0
    ? `\n  Workflows  ${runtime.resumedCases.length} open handover case(s) resumed: ${runtime.resumedCases.join(', ')}`
    : '';

const clockLine = clock
  ? `\n  Clock      manual, at ${wallClock(clock.now(), settings.companyTimeZone)} (${settings.companyTimeZone}): npm run clock -- +1d (or -- 2026-12-20T09:00)`
  : '';

console.log(`
Key-person HR is running locally
  API        ${runtime.url}    GET /health · GET /health/ready · GET /openapi.json · GET /v1/me
  DynamoDB   ${emulators.endpoints.dynamodb}    tables ${Object.values(runtime.names.tables).join(', ')}
  S3         ${emulators.endpoints.s3}    buckets ${Object.values(runtime.names.buckets).join(', ')}
  Data       ${shownDataDir}/ (kept across restarts)
  Tokens     npm run token -- --as <employee id>
  Mail       ${shownDataDir}/outbox/ (what would have been e-mailed)
  WeCom      ${wecomFake.url}    a fake: GET /_fake/messages?user=<wecomUserId> · POST /_fake/messages/<msgid>/press?user=<wecomUserId>${resumedLine}${clockLine}${futureData}
${demoLines}
Ready. Ctrl-C stops.
`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping…');
  await control?.close();
  await runtime.stop();
  await emulators.stop();
  await wecomFake.stop();
  rmSync(runtimeFile, { force: true });
  console.log('Stopped; data kept in', shownDataDir);
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
