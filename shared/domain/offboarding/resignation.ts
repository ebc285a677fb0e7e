import { Permission, permissions, sensitivePermissions } from '#domain/permissions.ts';
import { InvalidInputError } from '#kernel/errors.ts';
import { CalendarDate, EmployeeId, Timestamp } from '#kernel/ids.ts';
import { addDays, localDate, startOfDay } from '#kernel/time.ts';
import * as z from '#kernel/zod.ts';
import { ResignationId, TemplateId } from './vocabulary.ts';

/**
 * Staged revocation: what a resigning employee loses, and when.
 *   immediate         at submission         every sensitive permission (export, settings…)
 *   key-accounts      LWD − 7 days, 00:00   customer:read:key-accounts (at once if that is past)
 *   account           when the offboarding completes but not before the end of the LWD (unless HR
 *                     ends access early, with a reason), at the latest LWD + grace: everything; the
 *                     account is disabled and the identity disabled and signed out. The leaver and
 *                     her manager are told a day before.
 *   identity-removal  LWD + retention       the sign-in identity is deleted
 * Times are instants computed in the company's time zone. A stage is applied once; applying never
 * restores anything.
 */
export const stageNames = ['immediate', 'key-accounts', 'account', 'identity-removal'] as const;
export const StageName = z.enum(stageNames);
export type StageName = z.infer<typeof StageName>;

export const StageStatus = z.enum(['planned', 'scheduled', 'applied', 'cancelled']);
export type StageStatus = z.infer<typeof StageStatus>;

/**
 * What made a stage apply: its schedule, the compliance sweep, the offboarding's end, the
 * submission, a last working day moved so that it was due at once, or HR ending access early.
 */
export const StageTrigger = z.enum(['schedule', 'sweep', 'completion', 'submission', 'replan', 'hr']);
export type StageTrigger = z.infer<typeof StageTrigger>;

export const Stage = z.object({
  name: StageName,
  dueAt: Timestamp,
  /** The permissions it revokes; `all` for every one the employee still holds. */
  revokes: z.union([
    z.readonly(z.array(Permission).check(z.maxLength(permissions.length))),
    z.literal('all'),
  ]),
  status: StageStatus,
  scheduleName: z.optional(z.string().check(z.maxLength(64))),
  appliedAt: z.optional(Timestamp),
  appliedBy: z.optional(StageTrigger),
});
export type Stage = z.infer<typeof Stage>;

/** A stage still to come: planned or scheduled, neither applied nor cancelled. */
export const isWaiting = (stage: Pick<Stage, 'status'> | undefined): boolean =>
  stage?.status === 'planned' || stage?.status === 'scheduled';

export const ResignationStatus = z.enum(['open', 'withdrawn', 'completed']);
export type ResignationStatus = z.infer<typeof ResignationStatus>;

export const Resignation = z.object({
  id: ResignationId,
  employeeId: EmployeeId,
  submittedAt: Timestamp,
  submittedBy: EmployeeId,
  lastWorkingDay: CalendarDate,
  reason: z.string().check(z.minLength(1), z.maxLength(500)),
  notes: z.optional(z.string().check(z.maxLength(2000))),
  successorIds: z.array(EmployeeId).check(z.maxLength(10)),
  /** HR's choice of offboarding template, instead of the one the employee's position picks. */
  templateId: z.optional(TemplateId),
  status: ResignationStatus,
  stages: z.record(StageName, Stage),
  /**
   * Changes when a person changes the resignation (submits, moves the day, names successors,
   * withdraws): its ETag. The system's bookkeeping (stages scheduled and applied) leaves it as it is,
   * so an ETag a client holds stays valid until someone changes what it describes.
   */
  version: z.int().check(z.positive()),
  /**
   * Set when a background step on it (planning, applying a stage) still failed after its retries: it
   * needs a person, and HR was told. Cleared when the planner next puts the plan into effect.
   */
  attention: z.optional(
    z.object({
      at: Timestamp,
      step: z.string().check(z.maxLength(100)),
      reason: z.string().check(z.maxLength(1000)),
    }),
  ),
  /** Counts every write, bookkeeping too: what the store's conditional writes compare (set by the store). */
  revision: z.optional(z.int().check(z.positive())),
});
export type Resignation = z.infer<typeof Resignation>;

/**
 * What a revocation schedule hands the revocation function when it fires: a stage to apply, or with
 * `notice`, the account stage to announce a day ahead.
 */
export const ScheduledStage = z.object({
  employeeId: EmployeeId,
  resignationId: ResignationId,
  stage: StageName,
  notice: z.optional(z.literal(true)),
});
export type ScheduledStage = z.infer<typeof ScheduledStage>;

export interface RevocationPolicy {
  timeZone: string;
  /** Key accounts go this many days before the last working day. */
  keyAccountDays: number;
  /** The account goes at the latest this many days after the last working day. */
  graceDays: number;
  /** The sign-in identity is deleted this many days after the last working day. */
  identityRetentionDays: number;
}

export const defaultPolicy: Omit<RevocationPolicy, 'timeZone'> = {
  keyAccountDays: 7,
  graceDays: 1,
  identityRetentionDays: 90,
};

/**
 * Items (table Hr):
 *   pk = EMP#<employeeId>      sk = RESIGNATION#<id>   the resignation and its stages
 *   pk = RESIGNATIONS#open     sk = EMP#<employeeId>   while open: the compliance sweep's list
 * Access patterns: an employee's latest resignation (Query RESIGNATION#, newest first); every open one.
 */
export const resignationKeys = {
  item: (employeeId: string, id: string) => ({ pk: `EMP#${employeeId}`, sk: `RESIGNATION#${id}` }),
  prefix: 'RESIGNATION#',
  open: (employeeId: string) => ({ pk: 'RESIGNATIONS#open', sk: `EMP#${employeeId}` }),
  openPartition: 'RESIGNATIONS#open',
};

/** A resignation id sorts by submission time. */
export const resignationId = (submittedAt: Date, random: string) =>
  `R${submittedAt
    .toISOString()
    .replace(/[-:T.Z]/g, '')
    .slice(0, 14)}${random}`;

export const scheduleNameOf = (resignation: Pick<Resignation, 'id'>, stage: StageName) =>
  `rev-${resignation.id}-${stage}`;

/** The schedule that tells the leaver and her manager, a day ahead, that the account goes. */
export const noticeScheduleNameOf = (resignation: Pick<Resignation, 'id'>) =>
  `rev-${resignation.id}-account-notice`;

/** How long before the account stage its notice goes out. */
export const accountNoticeLeadMs = 24 * 3600 * 1000;

/**
 * When the last working day ends: midnight after it, company time. A handover finished early takes
 * the account no sooner, so nobody loses access while still at work.
 */
export const endOfLastWorkingDay = (lastWorkingDay: string, timeZone: string): Date =>
  startOfDay(addDays(lastWorkingDay, 1), timeZone);

/** When each stage is due for a last working day. */
export function stageDueTimes(
  lastWorkingDay: string,
  submittedAt: Date,
  policy: RevocationPolicy,
): Record<StageName, Date> {
  const keyAccounts = startOfDay(addDays(lastWorkingDay, -policy.keyAccountDays), policy.timeZone);
  return {
    immediate: submittedAt,
    'key-accounts': keyAccounts < submittedAt ? submittedAt : keyAccounts,
    account: startOfDay(addDays(lastWorkingDay, 1 + policy.graceDays), policy.timeZone),
    'identity-removal': startOfDay(addDays(lastWorkingDay, policy.identityRetentionDays), policy.timeZone),
  };
}

const revokedBy: Record<StageName, Stage['revokes']> = {
  immediate: sensitivePermissions,
  'key-accounts': ['customer:read:key-accounts'],
  account: 'all',
  'identity-removal': [],
};

export function planStages(
  lastWorkingDay: string,
  submittedAt: Date,
  policy: RevocationPolicy,
): Record<StageName, Stage> {
  const due = stageDueTimes(lastWorkingDay, submittedAt, policy);
  return Object.fromEntries(
    stageNames.map((name) => [
      name,
      { name, dueAt: due[name].toISOString(), revokes: revokedBy[name], status: 'planned' },
    ]),
  ) as Record<StageName, Stage>;
}

/** New due times for a moved last working day; what was applied stays applied. */
export function replanStages(
  resignation: Resignation,
  lastWorkingDay: string,
  now: Date,
  policy: RevocationPolicy,
) {
  const due = stageDueTimes(lastWorkingDay, new Date(resignation.submittedAt), policy);
  return Object.fromEntries(
    stageNames.map((name) => {
      const stage = resignation.stages[name];
      if (stage.status === 'applied' || stage.status === 'cancelled') return [name, stage];
      const dueAt = due[name] < now && name === 'key-accounts' ? now : due[name];
      return [name, { ...stage, dueAt: dueAt.toISOString() }];
    }),
  ) as Record<StageName, Stage>;
}

/** The permissions a stage takes from someone who holds `held`. */
export function toRevoke(stage: Stage, held: readonly Permission[]): Permission[] {
  const wanted = stage.revokes === 'all' ? permissions : stage.revokes;
  return held.filter((p) => wanted.includes(p));
}

export interface NoticeCheck {
  today: string;
  maxNoticeDays: number;
}

/**
 * A last working day must not have passed, nor lie beyond the notice the company allows; HR may
 * accept the latter (it is `overridable`), never the former.
 */
export function noticeProblem(
  lastWorkingDay: string,
  check: NoticeCheck,
): { message: string; overridable: boolean } | undefined {
  if (lastWorkingDay < check.today) return { message: 'The last working day has passed', overridable: false };
  if (lastWorkingDay > addDays(check.today, check.maxNoticeDays)) {
    return {
      message: `The last working day is more than ${check.maxNoticeDays} days away`,
      overridable: true,
    };
  }
  return undefined;
}

/**
 * The notice check as the resignation use cases apply it: a refusal names the field, HR's override is
 * honoured for a notice that is only too long. Says whether the override was needed.
 */
export function requireAcceptableLastWorkingDay(
  lastWorkingDay: string,
  check: NoticeCheck,
  override: boolean,
): { overridden: boolean } {
  const problem = noticeProblem(lastWorkingDay, check);
  if (!problem) return { overridden: false };
  if (problem.overridable && override) return { overridden: true };
  throw new InvalidInputError(
    problem.message,
    [{ field: 'lastWorkingDay', message: problem.message }],
    'invalid_last_working_day',
  );
}

export const todayIn = (now: Date, timeZone: string) => localDate(now, timeZone);
