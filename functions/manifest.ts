import { functionIds } from '#adapters/functionIds.ts';
import { hrEvents } from '#domain/events.ts';
import type { RouteSpec } from '#http/route.ts';
import type { BucketId, TableId } from '#infra/data/definitions.ts';
import { apiAreas } from './http/routes.ts';

/**
 * Every function, its trigger and what it may touch: the single source of truth for wiring. The CDK
 * builds functions, routes, rules, IAM grants and environment from it; the local runtime builds its
 * router, event dispatch and task mapping from it. Adding an endpoint: a route in the area's
 * routes.ts, its handler, and (for a new area) one line here.
 */
export type Trigger =
  | { kind: 'http'; routes: readonly RouteSpec[] }
  /** EventBridge rule on the `hr` bus for these detail types. */
  | { kind: 'event'; detailTypes: readonly string[] }
  /** Invoked by EventBridge Scheduler one-time schedules. */
  | { kind: 'scheduleTarget' }
  /** A Task state of a workflow (infra/workflows) invokes it. */
  | { kind: 'workflowTask' }
  /** Once a day at the deployment's configured local hour (an EventBridge cron rule). */
  | { kind: 'daily'; hour: DailyHour };

/** The deployment settings (infra/config.ts) that name the local hour of a daily job. */
export type DailyHour = 'complianceHour' | 'backupHour';

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
}

/** 1 GB buys enough CPU for a fast cold start; API work finishes well inside 10 s. */
export const functionDefaults = { memoryMb: 1024, timeoutSeconds: 10 } as const;

const http = (
  area: keyof typeof apiAreas,
  description: string,
  needs: Needs,
  sizing: Pick<FunctionDefinition, 'memoryMb' | 'timeoutSeconds'> = {},
): FunctionDefinition => ({
  id: `Http${area[0]?.toUpperCase()}${area.slice(1)}`,
  entry: `functions/http/${area}/handler.ts`,
  description,
  triggers: [{ kind: 'http', routes: apiAreas[area] }],
  needs,
  ...sizing,
});

export const functionManifest: readonly FunctionDefinition[] = [
  http('system', 'Health, the OpenAPI document and answers for unknown routes', {}),
  http('me', "The caller's identity, live permissions and notifications", {
    tables: { hr: 'read' },
    notices: 'mark',
    cursorKey: true,
  }),
  http(
    'employees',
    'Employees, their permissions, and CSV onboarding',
    {
      tables: { hr: 'write', idempotency: 'write' },
      evidence: 'append',
      eventBus: 'publish',
      cursorKey: true,
    },
    // A 5,000-row import writes ~200 transactions; API Gateway waits at most 30 s.
    { timeoutSeconds: 29 },
  ),
  http('departments', 'The department structure', {
    tables: { hr: 'write', idempotency: 'write' },
    cursorKey: true,
  }),
  http(
    'customers',
    'Customer records: ownership, history, transfers and controlled export',
    { tables: { hr: 'write', idempotency: 'write' }, evidence: 'append', cursorKey: true },
    // Transfers of a whole book of customers run ~20 transactions.
    { timeoutSeconds: 29 },
  ),
  http('exports', 'Controlled customer exports to the reports bucket', {
    tables: { hr: 'read' },
    evidence: 'append',
    buckets: { reports: 'write' },
  }),
  http(
    'offboarding',
    'Resignations, their revocation plans, and the handover: cases, confirmations, reports, templates, the signing key',
    {
      tables: { hr: 'write', idempotency: 'write' },
      evidence: 'append',
      eventBus: 'publish',
      workflow: 'start',
      signer: 'sign',
      buckets: { reports: 'read' },
      mail: 'send',
      cursorKey: true,
    },
  ),
  http('evidence', 'Reading the evidence log', { tables: { hr: 'read' }, evidence: 'read', cursorKey: true }),
  {
    id: 'IdentityProvisioner',
    entry: 'functions/events/identityProvisioner.ts',
    description: 'Makes sign-in identities for new employees and keeps their groups equal to their roles',
    triggers: [{ kind: 'event', detailTypes: [hrEvents.employeesCreated, hrEvents.rolesChanged] }],
    needs: { tables: { hr: 'write' }, identity: 'manage' },
    timeoutSeconds: 120,
  },
  {
    id: 'ResignationPlanner',
    entry: 'functions/events/resignationPlanner.ts',
    description:
      'Schedules the revocation stages of a resignation, moves them, and cancels them on withdrawal',
    triggers: [
      {
        kind: 'event',
        detailTypes: [
          hrEvents.resignationSubmitted,
          hrEvents.resignationChanged,
          hrEvents.resignationWithdrawn,
        ],
      },
    ],
    needs: {
      tables: { hr: 'write' },
      evidence: 'append',
      scheduler: 'manage',
      identity: 'manage',
    },
    timeoutSeconds: 60,
  },
  {
    id: functionIds.revocation,
    entry: 'functions/events/revocation.ts',
    description: 'Applies a revocation stage when its schedule fires or the offboarding completes',
    triggers: [{ kind: 'scheduleTarget' }, { kind: 'event', detailTypes: [hrEvents.offboardingCompleted] }],
    needs: { tables: { hr: 'write' }, evidence: 'append', identity: 'manage' },
    timeoutSeconds: 60,
  },
  {
    id: functionIds.handoverCase,
    entry: 'functions/workflow/handoverCase.ts',
    description:
      'Handover steps: open the case, remind, escalate, wait for confirmations; follow the resignation',
    triggers: [
      { kind: 'workflowTask' },
      { kind: 'event', detailTypes: [hrEvents.resignationChanged, hrEvents.resignationWithdrawn] },
    ],
    needs: { tables: { hr: 'write' }, evidence: 'append', workflow: 'callback', mail: 'send' },
    timeoutSeconds: 60,
  },
  {
    id: functionIds.handoverCompletion,
    entry: 'functions/workflow/handoverCompletion.ts',
    description:
      'Handover completion: transfer accepted customers, store the signed report, complete the case',
    triggers: [{ kind: 'workflowTask' }],
    needs: {
      tables: { hr: 'write' },
      evidence: 'append',
      buckets: { reports: 'write' },
      eventBus: 'publish',
      signer: 'sign',
      mail: 'send',
    },
    timeoutSeconds: 300,
  },
  http('backups', 'On-demand backups and the list of backups', {
    tables: { hr: 'write', idempotency: 'write' },
    eventBus: 'publish',
    cursorKey: true,
  }),
  {
    id: 'Backup',
    entry: 'functions/jobs/backup.ts',
    description: 'Copies Hr and Evidence to the backup bucket: daily, and when someone asks for a backup',
    triggers: [
      { kind: 'daily', hour: 'backupHour' },
      { kind: 'event', detailTypes: [hrEvents.backupRequested] },
    ],
    needs: { tables: { hr: 'scan+write' }, evidence: 'scan+append', buckets: { backups: 'write' } },
    // A million items at the measured rate fit well inside Lambda's 15 minutes (see npm run bench).
    memoryMb: 2048,
    timeoutSeconds: 900,
  },
  {
    id: 'Restore',
    entry: 'functions/jobs/restore.ts',
    description: 'Restores a backup into the empty, recreated tables (invoked by an operator)',
    triggers: [],
    needs: { tables: { hr: 'scan+write' }, evidence: 'restore', buckets: { backups: 'write' } },
    memoryMb: 2048,
    timeoutSeconds: 900,
  },
  {
    id: 'ComplianceSweep',
    entry: 'functions/jobs/complianceSweep.ts',
    description:
      'Daily safety net: applies revocation stages that are due and revokes what leavers still hold',
    triggers: [{ kind: 'daily', hour: 'complianceHour' }],
    needs: {
      tables: { hr: 'write' },
      evidence: 'append',
      scheduler: 'manage',
      identity: 'manage',
    },
    // Walks every open resignation and every leaver.
    timeoutSeconds: 900,
  },
];
