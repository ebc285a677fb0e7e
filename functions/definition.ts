import type { RouteSpec } from '#http/route.ts';
import type { EventDefinition } from '#kernel/events.ts';

/**
 * What a function of the manifest is: its trigger and what it may touch. The CDK builds functions,
 * routes, rules, IAM grants and environment from these definitions; the local runtime builds its
 * router, event dispatch and task mapping from the same ones.
 */
export type Trigger =
  | { kind: 'http'; routes: readonly RouteSpec[] }
  /** EventBridge rule on the `hr` bus for these events (shared/domain/<area>/events/). */
  | { kind: 'event'; events: readonly EventDefinition[] }
  /** Invoked by EventBridge Scheduler one-time schedules. */
  | { kind: 'scheduleTarget' }
  /** A Task state of a workflow (infra/workflows) invokes it. */
  | { kind: 'workflowTask' }
  /** Once a day at the deployment's configured local hour (an EventBridge cron rule). */
  | { kind: 'daily'; hour: DailyHour }
  /** At the start of every hour (an EventBridge rate rule): for work that follows each site's own day. */
  | { kind: 'hourly' }
  /**
   * What another function's event, schedule or daily run still failed after its retries: the
   * FailedDeliveries queue (Lambda's on-failure destination, the rules' dead letters) and the
   * Scheduler's dead letters.
   */
  | { kind: 'failedDeliveries' };

/** The deployment settings (infra/config.ts) that name the local hour of a daily job. */
export type DailyHour = 'complianceHour' | 'backupHour';

/** The tables and buckets a function may be granted (infra/data/definitions.ts describes each). */
export type TableId = 'hr' | 'evidence' | 'idempotency';
export type BucketId = 'backups' | 'reports';

/**
 * Access levels. Table `read` is GetItem/Query only (API reads never scan); `write` adds
 * Put/Update/Delete; `scan` is for the backup job alone (`scan+write` when it also records its
 * runs). Evidence is `append` (PutItem + reads), never update or delete; the backup job reads the
 * whole chain and appends the manifest's hash (`scan+append`); only the restore function, which
 * refills an empty table, may batch-write it (`restore`).
 */
export type TableLevel = 'read' | 'write' | 'scan' | 'scan+write';
export interface Needs {
  tables?: Partial<Record<Exclude<TableId, 'evidence'>, TableLevel>>;
  evidence?: 'read' | 'append' | 'scan' | 'scan+append' | 'restore';
  buckets?: Partial<Record<BucketId, 'read' | 'write'>>;
  eventBus?: 'publish';
  scheduler?: 'manage';
  workflow?: 'start' | 'callback';
  identity?: 'manage';
  signer?: 'sign' | 'publicKey';
  cursorKey?: true;
  /** Send e-mail through SES from the configured sender (nothing without one: in-app notices only). */
  mail?: 'send';
  /** Mark notices read: UpdateItem on inbox items of the Hr table, nothing else. */
  notices?: 'mark';
  /** The months' feedback keys (Secrets Manager): `sign` makes a month's key on first use; `verify` reads. */
  feedbackKeys?: 'sign' | 'verify';
  /** WeCom's secret (corp secret, callback token and key): `send` messages, or take its `callback`. */
  wecom?: 'send' | 'callback';
}

export interface FunctionDefinition {
  /** Stable id: CDK construct id and the local runtime's name for the function. */
  id: string;
  /** Entry file, relative to the repository root; it exports `handler`. */
  entry: string;
  description: string;
  /** Usually one; a function may also answer, say, both its schedules and an event. */
  triggers: readonly Trigger[];
  needs: Needs;
  memoryMb?: number;
  timeoutSeconds?: number;
  /**
   * Takes no identity and must keep none: its logger is silent and Lambda's own request lines (with
   * request ids) are kept out of its logs.
   */
  anonymous?: true;
  /** Files the code reads at run time (not imported), copied into the bundle: `from` the repo, `to` beside index.mjs. */
  files?: readonly { from: string; to: string }[];
}

/**
 * A Step Functions workflow of an area. Its state machine is built in infra/workflows (by id); what
 * starts it is declared here, like a function's event triggers, so that every subscriber of an event
 * is declared the same way.
 */
export interface WorkflowEntry {
  id: string;
  /** The execution's input is the event itself; its first task must tolerate a duplicate delivery. */
  startedBy: readonly EventDefinition[];
}

/** Who receives each event: the functions and workflows whose triggers name it (one rule each in AWS). */
export function eventSubscriptions(
  functions: readonly FunctionDefinition[],
  workflows: readonly WorkflowEntry[],
): { target: { kind: 'function' | 'workflow'; id: string }; events: string[] }[] {
  return [
    ...functions.flatMap((fn) =>
      fn.triggers.flatMap((t) =>
        t.kind === 'event'
          ? [{ target: { kind: 'function' as const, id: fn.id }, events: t.events.map((e) => e.name) }]
          : [],
      ),
    ),
    ...workflows.map((w) => ({
      target: { kind: 'workflow' as const, id: w.id },
      events: w.startedBy.map((e) => e.name),
    })),
  ];
}

/** 1 GB buys enough CPU for a fast cold start; API work finishes well inside 10 s. */
export const functionDefaults = { memoryMb: 1024, timeoutSeconds: 10 } as const;

/** The Lambda of an HTTP area: `Http<Area>`, serving exactly that area's routes. */
export const httpFunction = (
  definition: {
    area: string;
    entry: string;
    description: string;
    routes: readonly RouteSpec[];
    needs: Needs;
    files?: FunctionDefinition['files'];
  },
  sizing: Pick<FunctionDefinition, 'memoryMb' | 'timeoutSeconds'> = {},
): FunctionDefinition => ({
  id: `Http${definition.area[0]?.toUpperCase()}${definition.area.slice(1)}`,
  entry: definition.entry,
  description: definition.description,
  triggers: [{ kind: 'http', routes: definition.routes }],
  needs: definition.needs,
  ...(definition.files ? { files: definition.files } : {}),
  ...sizing,
});
