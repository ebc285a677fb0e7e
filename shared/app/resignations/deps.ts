import type { RevocationPolicy } from '#domain/resignation.ts';
import type { AccessStore } from '#ports/accessStore.ts';
import type { Clock } from '#ports/clock.ts';
import type { EmployeeStore } from '#ports/employeeStore.ts';
import type { EventBus } from '#ports/eventBus.ts';
import type { EvidenceLog } from '#ports/evidenceLog.ts';
import type { Identity } from '#ports/identity.ts';
import type { Notifier } from '#ports/notifier.ts';
import type { ResignationStore } from '#ports/resignationStore.ts';
import type { Scheduler } from '#ports/scheduler.ts';
import type { Writes } from '#ports/writes.ts';

/** What the resignation use cases work with; the ones people start through the API also publish. */
export interface ResignationDeps {
  employees: EmployeeStore;
  access: AccessStore;
  resignations: ResignationStore;
  evidence: EvidenceLog;
  scheduler: Scheduler;
  identity: Identity;
  notifier: Notifier;
  writes: Writes;
  clock: Clock;
  policy: RevocationPolicy & { maxNoticeDays: number };
  /** Manifest id of the function that schedules invoke to apply a stage. */
  revocationTarget: string;
}

/** Submitting, changing and withdrawing tell the bus (the planner and the offboarding case follow). */
export type PublishingDeps = { bus: EventBus };

/** Applying a stage needs neither the scheduler nor the inbox (the revocation function has neither). */
export type StageDeps = Pick<
  ResignationDeps,
  'employees' | 'access' | 'resignations' | 'evidence' | 'identity' | 'clock'
>;
