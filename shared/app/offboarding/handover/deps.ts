import type { Messenger } from '#app/communication/index.ts';
import type { AccessDenials } from '#app/evidence/index.ts';
import type { Clock } from '#kernel/clock.ts';
import type { Writes } from '#kernel/writes.ts';
import type { CustomerStore, KnowledgeStore } from '#ports/customers/index.ts';
import type { EvidenceLog } from '#ports/evidence/index.ts';
import type { CaseStore } from '#ports/offboarding/caseStore.ts';
import type { ResignationStore } from '#ports/offboarding/resignationStore.ts';
import type { TemplateStore } from '#ports/offboarding/templateStore.ts';
import type { EmployeeStore } from '#ports/people/index.ts';
import type { EventBus } from '#ports/platform/eventBus.ts';
import type { BusinessMetrics } from '#ports/platform/metrics.ts';
import type { ObjectStore } from '#ports/platform/objectStore.ts';
import type { Signer } from '#ports/platform/signer.ts';
import type { Workflow } from '#ports/platform/workflow.ts';
import type { WeightsStore } from '#ports/risk/index.ts';

/** A candidate for a key position the leaver holds, with their readiness now. */
export interface SuccessionCandidateOffer {
  keyPositionId: string;
  employeeId: string;
  status: 'ready_now' | 'ready_in_months' | 'not_yet';
  label: { 'zh-CN': string; en: string };
}

/** What the offboarding use cases work with; each takes the part it needs. */
export interface OffboardingDeps {
  cases: CaseStore;
  employees: EmployeeStore;
  customers: CustomerStore;
  /** Who knows each customer (its open deals' total is on the record, for the handover's snapshot). */
  knowledge: Pick<KnowledgeStore, 'getMany'>;
  /** The risk weights, for the successors a handover suggests per customer. */
  riskWeights: Pick<WeightsStore, 'current'>;
  /**
   * The candidates to succeed the leaver in the key positions she holds, readiest first (succession):
   * the handover offers those who know a customer as its successors.
   */
  successionCandidates: (employeeId: string) => Promise<SuccessionCandidateOffer[]>;
  resignations: ResignationStore;
  templates: TemplateStore;
  evidence: EvidenceLog;
  workflow: Workflow;
  tell: Messenger;
  signer: Signer;
  writes: Writes;
  clock: Clock;
  timeZone: string;
  bus: EventBus;
  reports: ObjectStore;
  /** Business metrics: a node that passes its deadline is counted as it happens. */
  metrics: BusinessMetrics;
  /** The leaver's refused attempts, for the report. */
  denials: Pick<AccessDenials, 'ofCase'>;
}
