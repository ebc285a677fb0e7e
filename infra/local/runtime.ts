import { randomUUID } from 'node:crypto';
import { makeWeComCheckins } from '#adapters/aws/attendance/index.ts';
import { blindRsaKeys, makeWeComAccessToken, makeWeComChannel } from '#adapters/aws/communication/index.ts';
import { makeHrTable } from '#adapters/aws/platform/hrTable.ts';
import { envNames } from '#adapters/config.ts';
import { fileCursorKey } from '#adapters/local/fileCursorKey.ts';
import { fileKeyVault } from '#adapters/local/fileKeyVault.ts';
import { fileSigner } from '#adapters/local/fileSigner.ts';
import { LocalEventBus } from '#adapters/local/localEventBus.ts';
import { LocalIdentity } from '#adapters/local/localIdentity.ts';
import { LocalMetrics } from '#adapters/local/localMetrics.ts';
import { LocalScheduler } from '#adapters/local/localScheduler.ts';
import { LocalWorkflow } from '#adapters/local/localWorkflow.ts';
import { ManualClock } from '#adapters/local/manualClock.ts';
import { OutboxMailer } from '#adapters/local/outboxMailer.ts';
import { installLocalPorts } from '#adapters/runtimePorts.ts';
import { systemClock } from '#adapters/systemClock.ts';
import {
  eventSubscriptions,
  type FunctionDefinition,
  functionManifest,
  workflowManifest,
} from '#functions/manifest.ts';
import { compilePath } from '#http/pathTemplate.ts';
import { defaultRoutePath, routeKeyOf } from '#http/route.ts';
import type { Clock } from '#kernel/clock.ts';
import { DeploymentConfig } from '../config.ts';
import { productWorkflows } from '../workflows/index.ts';
import type { WorkflowDefinition } from '../workflows/workflowDefinition.ts';
import { type LocalClients, localClients, localCredentials, localRegion } from './clients.ts';
import { LocalDailyJobs } from './dailyJobs.ts';
import type { EmulatorEndpoints } from './emulators/emulators.ts';
import { type LocalHttpRoute, type RequestLogEntry, startLocalHttpServer } from './httpServer.ts';
import { LocalFunctions } from './localFunctions.ts';
import { LocalIdentityProvider } from './localIdentityProvider.ts';
import { type LocalResourceNames, localResourceNames, provisionLocalResources } from './provision.ts';
import { resumeOpenCases } from './resumeCases.ts';
import { productLocalWorkflows } from './workflowCache.ts';

export interface LocalRuntimeOptions {
  emulators: EmulatorEndpoints;
  manifest?: readonly FunctionDefinition[];
  workflows?: readonly WorkflowDefinition[];
  /** WeCom for the notifications (the local WeCom fake, say); none by default. */
  wecom?: {
    apiBase: string;
    corpId: string;
    agentId: number;
    corpSecret: string;
    appUrl: string;
    callbackToken: string;
    callbackAesKey: string;
  };
  /** 0 picks a free port. */
  port: number;
  /** Signing key and runtime state; without it they are ephemeral (tests). */
  dataDir?: string;
  /** Lets test files share the emulators without sharing tables and buckets. */
  namePrefix?: string;
  clock?: Clock;
  /**
   * Look for due work every second (default: only with the system clock; tests move the clock and
   * call catchUp themselves). A manual clock for a person (`--clock manual`) ticks too, so what is
   * due at its current time runs without being asked.
   */
  tick?: boolean;
  /** The deployment settings (CDK context in AWS); unset ones take their defaults. */
  settings?: Partial<DeploymentConfig>;
  logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';
  onRequest?(entry: RequestLogEntry): void;
}

/** Time-driven work: a one-time schedule, a daily job or a workflow task's timeout, and when it is due. */
export interface FiredWork {
  at: string;
  kind: 'schedule' | 'daily job' | 'timeout';
  what: string;
}

export interface LocalRuntime {
  url: string;
  /** The deployment settings it runs with (defaults where unset). */
  settings: DeploymentConfig;
  names: LocalResourceNames;
  clients: LocalClients;
  clock: Clock;
  identityProvider: LocalIdentityProvider;
  functions: LocalFunctions;
  bus: LocalEventBus;
  identity: LocalIdentity;
  scheduler: LocalScheduler;
  dailyJobs: LocalDailyJobs;
  /** Open handover cases whose workflow this start resumed. */
  resumedCases: string[];
  /** The mail that would have gone out (also written to .data/outbox with a data folder). */
  outbox: OutboxMailer;
  /** The business metrics CloudWatch would have received (also metrics.jsonl with a data folder). */
  metrics: LocalMetrics;
  workflow: LocalWorkflow;
  /**
   * Lets time-driven work catch up with the clock: fires due schedules, times out waiting workflow
   * tasks, and waits until the events and executions this caused have run their course.
   */
  catchUp(): Promise<FiredWork[]>;
  /**
   * Moves a manual clock to `target` through every time something is due in between, in order:
   * each schedule, daily job and workflow timeout runs at its own time, as it would have with time
   * passing by itself.
   */
  advanceTo(target: Date): Promise<FiredWork[]>;
  /** What runs next, soonest first. */
  upcoming(): Promise<FiredWork[]>;
  stop(): Promise<void>;
}

/** What Lambda's environment would hold: the CDK sets the same variables from the manifest. */
function setFunctionEnvironment(
  options: LocalRuntimeOptions,
  settings: DeploymentConfig,
  names: LocalResourceNames,
): void {
  Object.assign(process.env, {
    AWS_REGION: localRegion,
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: options.emulators.dynamodb,
    AWS_ENDPOINT_URL_S3: options.emulators.s3,
    POWERTOOLS_SERVICE_NAME: 'hr-local',
    POWERTOOLS_LOG_LEVEL: options.logLevel ?? 'WARN',
    [envNames.hrTable]: names.tables.hr,
    [envNames.evidenceTable]: names.tables.evidence,
    [envNames.idempotencyTable]: names.tables.idempotency,
    [envNames.backupBucket]: names.buckets.backups,
    [envNames.reportsBucket]: names.buckets.reports,
    [envNames.eventBus]: 'hr',
    [envNames.companyTimeZone]: settings.companyTimeZone,
    [envNames.exportRowCap]: String(settings.exportRowCap),
    [envNames.maxNoticeDays]: String(settings.maxNoticeDays),
    [envNames.accountGraceDays]: String(settings.accountGraceDays),
    [envNames.identityRetentionDays]: String(settings.identityRetentionDays),
    [envNames.feedbackPerMonth]: String(settings.feedbackPerMonth),
    [envNames.questionAnswerDays]: String(settings.questionAnswerDays),
  });
}

/** An SQS message as Lambda's on-failure destination would send it, for `functionId`'s failed input. */
function failureRecord(functionId: string, payload: unknown, error: unknown) {
  return {
    Records: [
      {
        messageId: randomUUID(),
        body: JSON.stringify({
          requestContext: {
            functionArn: `arn:aws:lambda:${localRegion}:000000000000:function:${functionId}`,
            condition: 'RetriesExhausted',
          },
          requestPayload: payload,
          responsePayload: { errorMessage: error instanceof Error ? error.message : String(error) },
        }),
        messageAttributes: {},
        eventSource: 'aws:sqs',
      },
    ],
  };
}

/** The WeCom channel the local stack's functions tell people through, on the given API (the fake). */
function localWeCom(
  wecom: NonNullable<LocalRuntimeOptions['wecom']>,
  dynamo: ReturnType<typeof localClients>['dynamo'],
  hrTable: string,
  clock: Clock,
) {
  return {
    channel: makeWeComChannel(
      {
        apiBase: wecom.apiBase,
        corpId: wecom.corpId,
        agentId: wecom.agentId,
        corpSecret: async () => wecom.corpSecret,
      },
      { dynamo, table: makeHrTable(dynamo, hrTable), clock },
    ),
    cardUrl: (link: string | undefined) => new URL(link ?? '/', wecom.appUrl).toString(),
  };
}

/** A bus target that starts a workflow rather than invoking a function. */
const workflowTarget = (workflowId: string) => `workflow:${workflowId}`;

/**
 * Detail type → the functions whose manifest trigger subscribes to it, and the workflows it starts
 * (the CDK makes one rule each).
 */
function eventSubscribers(
  manifest: readonly FunctionDefinition[],
  workflows: readonly WorkflowDefinition[],
): Map<string, string[]> {
  const running = new Set(workflows.map((w) => w.id));
  const subscriptions = eventSubscriptions(
    manifest,
    workflowManifest.filter((w) => running.has(w.id)),
  );
  const subscribers = new Map<string, string[]>();
  // Workflows first, as the CDK's rules would race them anyway: a start is never behind a function.
  const ordered = [
    ...subscriptions.filter((s) => s.target.kind === 'workflow'),
    ...subscriptions.filter((s) => s.target.kind === 'function'),
  ];
  for (const { target, events } of ordered) {
    const id = target.kind === 'workflow' ? workflowTarget(target.id) : target.id;
    for (const name of events) subscribers.set(name, [...(subscribers.get(name) ?? []), id]);
  }
  return subscribers;
}

function httpRoutes(manifest: readonly FunctionDefinition[]): LocalHttpRoute[] {
  return manifest.flatMap((fn) =>
    fn.triggers.flatMap((trigger) =>
      trigger.kind !== 'http'
        ? []
        : trigger.routes.map((route) => ({
            routeKey: routeKeyOf(route),
            method: route.method,
            ...(route.path === defaultRoutePath ? {} : { path: compilePath(route.path) }),
            auth: route.auth,
            functionId: fn.id,
          })),
    ),
  );
}

/**
 * The product on one machine: tables and buckets in the emulators, the same handlers behind a local
 * API Gateway, and in-process stand-ins for the services that have no emulator. One per process:
 * handlers read their configuration from the process environment, as in Lambda.
 */
export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const manifest = options.manifest ?? functionManifest;
  const names = localResourceNames(options.namePrefix);
  const clients = localClients(options.emulators);
  await provisionLocalResources(clients, names);

  const clock = options.clock ?? systemClock;
  const settings = DeploymentConfig.parse(options.settings ?? {});
  setFunctionEnvironment(options, settings, names);
  const functions = new LocalFunctions(manifest);
  const invoke = (id: string, event: unknown) => functions.invoke(id, event);
  const workflows = options.workflows ?? productWorkflows;
  // A rule whose target is a state machine starts an execution named by the event, with it as input.
  const deliver = (target: string, event: unknown) =>
    target.startsWith('workflow:')
      ? workflow.start(
          target.slice('workflow:'.length),
          (event as { id: string }).id,
          event as Record<string, unknown>,
        )
      : invoke(target, event);
  // What still fails after its attempts goes, as Lambda's on-failure record, to the failure reports.
  const reporters = manifest.filter((fn) => fn.triggers.some((t) => t.kind === 'failedDeliveries'));
  const deadLetter = async (functionId: string, payload: unknown, error: unknown) => {
    for (const reporter of reporters)
      await invoke(reporter.id, failureRecord(functionId, payload, error)).catch((failed: unknown) =>
        console.error(`${reporter.id} could not report a failure of ${functionId}:`, failed),
      );
  };
  const bus = new LocalEventBus({
    subscribers: eventSubscribers(manifest, workflows),
    invoke: deliver,
    clock,
    deadLetter,
  });
  const scheduler = new LocalScheduler({
    dynamo: clients.dynamo,
    tableName: names.schedulesTable,
    invoke,
    clock,
    deadLetter,
  });
  // Synthesizing loads the CDK: only for a workflow to run that has not been synthesized before.
  const definitions =
    workflows.length === 0
      ? []
      : manifest === functionManifest && workflows === productWorkflows
        ? await productLocalWorkflows()
        : (await import('./workflows.ts')).synthesizeLocalWorkflows(manifest, workflows);
  const workflow = new LocalWorkflow({ definitions, invoke, clock });
  const identity = new LocalIdentity({ dynamo: clients.dynamo, tableName: names.usersTable, clock });
  const outbox = new OutboxMailer({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(settings.mailFrom ? { from: settings.mailFrom } : {}),
    clock,
  });
  const metrics = new LocalMetrics({ ...(options.dataDir ? { dataDir: options.dataDir } : {}), clock });
  installLocalPorts({
    clock,
    cursorKey: fileCursorKey(options.dataDir),
    mailer: outbox,
    metrics,
    signer: fileSigner(options.dataDir),
    eventBus: bus,
    feedbackKeys: blindRsaKeys(fileKeyVault(options.dataDir)),
    wecom: options.wecom ? localWeCom(options.wecom, clients.dynamo, names.tables.hr, clock) : undefined,
    wecomCheckins: options.wecom
      ? makeWeComCheckins(
          { apiBase: options.wecom.apiBase },
          {
            token: makeWeComAccessToken(
              {
                apiBase: options.wecom.apiBase,
                corpId: options.wecom.corpId,
                corpSecret: async () => options.wecom?.corpSecret ?? '',
              },
              { dynamo: clients.dynamo, table: makeHrTable(clients.dynamo, names.tables.hr), clock },
            ),
          },
        )
      : undefined,
    ...(options.wecom
      ? {
          wecomCallbackKeys: async () => ({
            corpId: options.wecom?.corpId ?? '',
            callbackToken: options.wecom?.callbackToken ?? '',
            callbackAesKey: options.wecom?.callbackAesKey ?? '',
          }),
        }
      : {}),
    identity,
    scheduler,
    workflow,
  });

  const dailyJobs = new LocalDailyJobs({
    jobs: manifest.flatMap((fn) =>
      fn.triggers.flatMap((t) =>
        t.kind === 'daily'
          ? [{ functionId: fn.id, hour: settings[t.hour] as number | 'hourly' }]
          : t.kind === 'hourly'
            ? [{ functionId: fn.id, hour: 'hourly' as const }]
            : [],
      ),
    ),
    timeZone: settings.companyTimeZone,
    clock,
    invoke,
    deadLetter,
  });

  /** A workflow execution as a person knows it: the workflow and the case (or resignation) it runs for. */
  const executionLabel = (name: string) => {
    const execution = workflow.executions.get(name);
    const detail = (execution?.input.detail ?? {}) as { caseId?: string; resignationId?: string };
    return `${execution?.workflowId ?? 'workflow'} ${detail.caseId ?? detail.resignationId ?? name}`;
  };
  /** What is due by the clock, soonest first: schedules (not dead-lettered), daily jobs, task timeouts. */
  const upcoming = async (): Promise<FiredWork[]> =>
    [
      ...(await scheduler.list())
        .filter((s) => !s.deadLetter)
        .map((s) => ({ at: s.at, kind: 'schedule' as const, what: `${s.name} → ${s.target}` })),
      ...Object.entries(dailyJobs.schedule()).map(([id, at]) => ({
        at,
        kind: 'daily job' as const,
        what: id,
      })),
      ...workflow.waitingTasks().flatMap((t) =>
        t.deadline
          ? [
              {
                at: t.deadline,
                kind: 'timeout' as const,
                what: `${t.stateName} — ${executionLabel(t.executionName)}`,
              },
            ]
          : [],
      ),
    ].sort((a, b) => a.at.localeCompare(b.at));

  const runDue = async (): Promise<FiredWork[]> => {
    const done: FiredWork[] = [];
    for (;;) {
      const scheduled = new Map((await scheduler.list()).map((s) => [s.name, s]));
      const runs = dailyJobs.schedule();
      const schedules = await scheduler.fireDue();
      const jobs = await dailyJobs.fireDue();
      const expired = workflow.expireTasks();
      done.push(
        ...schedules.map((name) => {
          const s = scheduled.get(name);
          return { at: s?.at ?? '', kind: 'schedule' as const, what: `${name} → ${s?.target ?? ''}` };
        }),
        ...jobs.map((id) => ({ at: runs[id] ?? '', kind: 'daily job' as const, what: id })),
        ...expired.map((t) => ({
          at: t.deadline.toISOString(),
          kind: 'timeout' as const,
          what: `${t.stateName} — ${executionLabel(t.executionName)}`,
        })),
      );
      // A workflow step may publish events, and an event may start a workflow: until both are still.
      do {
        await bus.drain();
        await workflow.settle();
      } while (bus.busy);
      if (schedules.length === 0 && jobs.length === 0 && expired.length === 0)
        return done.sort((a, b) => a.at.localeCompare(b.at));
    }
  };
  // One catch-up at a time: the ticker, a test and a moved clock never fire the same work twice over.
  let turn: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const run = turn.then(work);
    turn = run.catch(() => undefined);
    return run;
  };
  const catchUp = () => exclusive(runDue);
  const advanceTo = (target: Date) =>
    exclusive(async () => {
      if (!(clock instanceof ManualClock)) throw new Error('Only a manual clock can be moved');
      if (target < clock.now())
        throw new Error(`The clock is at ${clock.now().toISOString()}: time does not go back`);
      const done = await runDue();
      // Each time something is due up to the target, in order; a bound keeps a fault from looping forever.
      for (let step = 0; step < 100_000; step++) {
        const next = (await upcoming())[0];
        if (!next || new Date(next.at) > target) break;
        if (new Date(next.at) > clock.now()) clock.set(next.at);
        done.push(...(await runDue()));
      }
      clock.set(target);
      done.push(...(await runDue()));
      return done;
    });
  // With the real clock, time moves by itself: look for due work every second.
  const ticker =
    (options.tick ?? !options.clock)
      ? setInterval(() => void catchUp().catch(console.error), 1000)
      : undefined;
  ticker?.unref();

  const resumedCases = workflows.some((w) => w.id === 'Handover')
    ? await resumeOpenCases({ clients, hrTable: names.tables.hr, workflow, clock })
    : [];

  const identityProvider = await LocalIdentityProvider.open({
    clock,
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
  });
  const server = await startLocalHttpServer({
    port: options.port,
    routes: httpRoutes(manifest),
    identityProvider,
    invoke,
    corsOrigins: settings.corsOrigins,
    ...(options.onRequest ? { onRequest: options.onRequest } : {}),
  });

  return {
    url: server.url,
    names,
    settings,
    clients,
    clock,
    identityProvider,
    functions,
    bus,
    identity,
    scheduler,
    dailyJobs,
    resumedCases,
    outbox,
    metrics,
    workflow,
    catchUp,
    advanceTo,
    upcoming,
    stop: async () => {
      workflow.stop();
      clearInterval(ticker);
      await server.close();
      clients.dynamodb.destroy();
      clients.s3.destroy();
    },
  };
}
