import type { CaseStore } from '#ports/caseStore.ts';
import type { Clock } from '#ports/clock.ts';
import type { CustomerStore } from '#ports/customerStore.ts';
import type { EmployeeStore } from '#ports/employeeStore.ts';
import type { EventBus } from '#ports/eventBus.ts';
import type { EvidenceLog } from '#ports/evidenceLog.ts';
import type { ObjectStore } from '#ports/objectStore.ts';
import type { ResignationStore } from '#ports/resignationStore.ts';
import type { Signer } from '#ports/signer.ts';
import type { Workflow } from '#ports/workflow.ts';
import type { Writes } from '#ports/writes.ts';
import type { Messenger } from '../notifications/messenger.ts';

/** What the offboarding use cases work with; each takes the part it needs. */
export interface OffboardingDeps {
  cases: CaseStore;
  employees: EmployeeStore;
  customers: CustomerStore;
  resignations: ResignationStore;
  evidence: EvidenceLog;
  workflow: Workflow;
  tell: Messenger;
  signer: Signer;
  writes: Writes;
  clock: Clock;
  timeZone: string;
  bus: EventBus;
  reports: ObjectStore;
}
