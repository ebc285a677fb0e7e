import type { Messenger } from '#app/communication/index.ts';
import type { RevocationPolicy } from '#domain/offboarding/resignation.ts';
import type { Clock } from '#kernel/clock.ts';
import type { Writes } from '#kernel/writes.ts';
import type { EvidenceLog } from '#ports/evidence/index.ts';
import type { ResignationStore } from '#ports/offboarding/resignationStore.ts';
import type { AccessStore, EmployeeStore, Identity } from '#ports/people/index.ts';
import type { EventBus } from '#ports/platform/eventBus.ts';
import type { Scheduler } from '#ports/platform/scheduler.ts';

/** What the resignation use cases work with; the ones people start through the API also publish. */
export interface ResignationDeps {
  employees: EmployeeStore;
  access: AccessStore;
  resignations: ResignationStore;
  evidence: EvidenceLog;
  scheduler: Scheduler;
  identity: Identity;
  /** Tells people in their language, in the app and by mail (the account's notice). */
  tell: Messenger;
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
