import { makeEvidenceLog } from '#adapters/aws/evidence/evidenceLog.ts';
import { secretsManagerCursorKey } from '#adapters/aws/platform/cursorKey.ts';
import { dynamo, dynamodbClient } from '#adapters/aws/platform/dynamodb.ts';
import { makeHrTable } from '#adapters/aws/platform/hrTable.ts';
import { config, envNames } from '#adapters/config.ts';
import { lazyPort } from '#adapters/lazyPort.ts';
import { clock, resolvePort } from '#adapters/runtimePorts.ts';
import { makeCsvExports } from '#app/platform/csvExports.ts';
import { makeCursorCodec } from '#http/cursor.ts';
import type { IdempotencyGuard } from '#http/idempotency.ts';
import type { Mailer } from '#ports/platform/mailer.ts';
import { once } from './once.ts';

/**
 * The platform every area builds on, each part made on first use and then kept for the life of the
 * function (one per cold start): the Hr table, the evidence log, cursors, idempotency, the bus, the
 * scheduler, workflows, the signer, mail and the reports bucket. SDK clients a function seldom needs
 * load with their first call (lazyPort). `resolvePort` picks the local stand-in or the AWS adapter;
 * nothing else here knows which world it runs in.
 */
export { clock };

export const table = /* @__PURE__ */ once(() => makeHrTable(dynamo, config('hrTable')));

export const evidence = /* @__PURE__ */ once(() => makeEvidenceLog(dynamo, config('evidenceTable'), clock));

export const cursors = /* @__PURE__ */ once(() =>
  makeCursorCodec(resolvePort('cursorKey', () => secretsManagerCursorKey(config('cursorSecret')))),
);

/** Powertools' idempotency loads with the first request that carries an Idempotency-Key. */
export const idempotency = /* @__PURE__ */ once((): IdempotencyGuard => {
  let guard: Promise<IdempotencyGuard> | undefined;
  return {
    async run(request, work) {
      guard ??= import('#http/powertoolsIdempotency.ts').then((m) =>
        m.powertoolsIdempotencyGuard(dynamodbClient, config('idempotencyTable')),
      );
      return (await guard).run(request, work);
    },
  };
});

export const bus = /* @__PURE__ */ once(() =>
  resolvePort('eventBus', () =>
    lazyPort(async () =>
      (await import('#adapters/aws/platform/eventBridgeBus.ts')).makeEventBridgeBus(config('eventBus')),
    ),
  ),
);

export const scheduler = /* @__PURE__ */ once(() =>
  resolvePort('scheduler', () =>
    lazyPort(async () =>
      (await import('#adapters/aws/platform/eventBridgeScheduler.ts')).makeEventBridgeScheduler({
        groupName: config('scheduleGroup'),
        timeZone: config('companyTimeZone'),
        roleArn: config('schedulerRoleArn'),
        deadLetterArn: config('schedulerDeadLetterArn'),
        // Read when a schedule is made: the ARNs are JSON, { "<manifest id>": "<function ARN>" }.
        targetArn: (id) => (JSON.parse(config('scheduleTargets')) as Record<string, string>)[id],
      }),
    ),
  ),
);

export const workflow = /* @__PURE__ */ once(() =>
  resolvePort('workflow', () =>
    lazyPort(async () =>
      (await import('#adapters/aws/platform/stepFunctionsWorkflow.ts')).makeStepFunctionsWorkflow(
        JSON.parse(config('stateMachines')) as Record<string, string>,
      ),
    ),
  ),
);

export const signer = /* @__PURE__ */ once(() =>
  resolvePort('signer', () =>
    lazyPort(async () =>
      (await import('#adapters/aws/platform/kmsSigner.ts')).makeKmsSigner(config('signingKey')),
    ),
  ),
);

/** Without a sender address the product tells people in the app only. */
const noMail: Mailer = { send: async () => {} };

export const mailer = /* @__PURE__ */ once(() =>
  resolvePort('mailer', () => {
    const from = process.env[envNames.mailFrom];
    return from
      ? lazyPort(async () => (await import('#adapters/aws/platform/sesMailer.ts')).makeSesMailer(from))
      : noMail;
  }),
);

/** Handover reports and exports. */
export const reports = /* @__PURE__ */ once(() =>
  lazyPort(async () =>
    (await import('#adapters/aws/platform/s3.ts')).makeObjectStore(config('reportsBucket')),
  ),
);

/** Business metrics: Powertools Metrics (EMF on stdout) in Lambda, the data folder's metrics.jsonl locally. */
export const metrics = /* @__PURE__ */ once(() =>
  resolvePort('metrics', () =>
    lazyPort(async () =>
      (await import('#adapters/aws/platform/powertoolsMetrics.ts')).makePowertoolsMetrics(),
    ),
  ),
);

/** Exports as CSV files in the reports bucket, each one evidence, behind a short-lived link. */
export const csvExports = /* @__PURE__ */ once(() =>
  makeCsvExports({
    reports: reports(),
    evidence: evidence(),
    clock,
    rowCap: Number(config('exportRowCap')),
  }),
);

export const companyTimeZone = () => config('companyTimeZone');

/**
 * Whether what every request needs answers: the Hr table (a read of a key nobody writes) and the
 * reports bucket (the size of an object nobody writes). Each check says what failed.
 */
export async function readiness(): Promise<Record<'dynamodb' | 's3', 'ok' | string>> {
  const check = (probe: () => Promise<unknown>) =>
    probe().then(
      () => 'ok',
      (error: Error) => `unreachable (${error.name})`,
    );
  const [dynamodb, s3] = await Promise.all([
    check(() => table().get({ pk: 'READINESS', sk: 'PROBE' })),
    check(() => reports().size('readiness-probe')),
  ]);
  return { dynamodb, s3 };
}
