import { makeCaseStore } from '#adapters/aws/offboarding/caseStore.ts';
import { makeResignationStore } from '#adapters/aws/offboarding/resignationStore.ts';
import { makeTemplateStore } from '#adapters/aws/offboarding/templateStore.ts';
import { dynamo } from '#adapters/aws/platform/dynamodb.ts';
import { config, envNames } from '#adapters/config.ts';
import { makeReportFailure } from '#app/offboarding/failures.ts';
import { makeAssetRegister } from '#app/offboarding/handover/assetRegister.ts';
import { makeCaseMeasures } from '#app/offboarding/handover/caseMeasures.ts';
import { makeCaseTasks } from '#app/offboarding/handover/caseTasks.ts';
import { makeCompletion, makeReportReader } from '#app/offboarding/handover/completion.ts';
import type { OffboardingDeps } from '#app/offboarding/handover/deps.ts';
import { makeFollowResignation } from '#app/offboarding/handover/followResignation.ts';
import { makeHandover } from '#app/offboarding/handover/handover.ts';
import { makeOpenCase } from '#app/offboarding/handover/openCase.ts';
import { makeTemplates } from '#app/offboarding/handover/templates.ts';
import { withOffboardingLinks } from '#app/offboarding/links.ts';
import { makeAccountNotice } from '#app/offboarding/resignations/accountNotice.ts';
import { makeApplyStage } from '#app/offboarding/resignations/applyStage.ts';
import { makeComplianceSweep } from '#app/offboarding/resignations/complianceSweep.ts';
import type { ResignationDeps, StageDeps } from '#app/offboarding/resignations/deps.ts';
import { makeManageResignation } from '#app/offboarding/resignations/manageResignation.ts';
import { makePlanResignation } from '#app/offboarding/resignations/planResignation.ts';
import { makeSubmitResignation } from '#app/offboarding/resignations/submitResignation.ts';
import { defaultPolicy, type RevocationPolicy } from '#domain/offboarding/resignation.ts';
import { messenger } from './communication.ts';
import { customerStore, knowledgeStore } from './customers.ts';
import { accessDenials } from './evidence.ts';
import { functionIds } from './functionIds.ts';
import { notWired } from './notWired.ts';
import { once } from './once.ts';
import { accessStore, employeeStore, identity } from './people.ts';
import {
  bus,
  clock,
  companyTimeZone,
  evidence,
  metrics,
  reports,
  scheduler,
  signer,
  table,
  workflow,
} from './platform.ts';
import { weightsStore } from './risk.ts';
import { successionOffers } from './succession.ts';

/** Offboarding: resignations and their staged revocation, and the handover of each case. */
export const resignationStore = /* @__PURE__ */ once(() => makeResignationStore(table()));
const templateStore = /* @__PURE__ */ once(() => makeTemplateStore(dynamo, table()));
export const caseStore = /* @__PURE__ */ once(() => makeCaseStore(dynamo, table()));

/** The company's revocation policy, from the deployment's configuration. */
export const revocationPolicy = /* @__PURE__ */ once((): RevocationPolicy & { maxNoticeDays: number } => ({
  ...defaultPolicy,
  timeZone: companyTimeZone(),
  maxNoticeDays: Number(config('maxNoticeDays')),
  graceDays: Number(config('accountGraceDays')),
  identityRetentionDays: Number(config('identityRetentionDays')),
}));

/** What applying a stage needs: the revocation function has no scheduler and no inbox. */
const stageDeps = (): StageDeps => ({
  employees: employeeStore(),
  access: accessStore(),
  resignations: resignationStore(),
  evidence: evidence(),
  identity: identity(),
  clock,
});

/** Everything the planner and the compliance sweep need. */
const resignationDeps = (): ResignationDeps => ({
  ...stageDeps(),
  scheduler: scheduler(),
  tell: withOffboardingLinks(messenger()),
  writes: table(),
  policy: revocationPolicy(),
  revocationTarget: functionIds.revocation,
});

/**
 * What the handover's use cases work with, but for the ports only some of its functions call: each
 * function gets those it uses (their SDK clients load on first use) and `notWired` for the rest.
 */
const handoverDeps = (
  ports: Pick<OffboardingDeps, 'resignations' | 'templates' | 'workflow' | 'signer' | 'bus' | 'reports'>,
): OffboardingDeps => ({
  cases: caseStore(),
  employees: employeeStore(),
  customers: customerStore(),
  knowledge: knowledgeStore(),
  riskWeights: weightsStore(),
  successionCandidates: successionOffers,
  evidence: evidence(),
  tell: withOffboardingLinks(messenger()),
  writes: table(),
  clock,
  timeZone: companyTimeZone(),
  denials: accessDenials(),
  metrics: metrics(),
  ...ports,
});

/** What people do through the offboarding API: resign, follow and change it, hand over. */
export function offboardingApi() {
  const deps = {
    employees: employeeStore(),
    access: accessStore(),
    resignations: resignationStore(),
    evidence: evidence(),
    bus: bus(),
    clock,
    policy: revocationPolicy(),
  };
  const handover = handoverDeps({
    resignations: resignationStore(),
    templates: templateStore(),
    workflow: workflow(),
    signer: signer(),
    bus: bus(),
    reports: reports(),
  });
  return {
    submit: makeSubmitResignation(deps),
    manage: makeManageResignation(deps),
    handover: makeHandover(handover),
    readReport: makeReportReader(handover),
    templates: makeTemplates(handover),
    recordAsset: makeAssetRegister(handover),
    signer: handover.signer,
  };
}

/** The handover workflow's case steps, and the case following its resignation. */
export function handoverSteps() {
  const deps = handoverDeps({
    resignations: resignationStore(),
    templates: templateStore(),
    workflow: workflow(),
    signer: notWired('signer'),
    bus: notWired('bus'),
    reports: notWired('reports'),
  });
  return { openCase: makeOpenCase(deps), tasks: makeCaseTasks(deps), follow: makeFollowResignation(deps) };
}

export const handoverCompletion = () =>
  makeCompletion(
    handoverDeps({
      resignations: notWired('resignations'),
      templates: notWired('templates'),
      workflow: notWired('workflow'),
      signer: signer(),
      bus: bus(),
      reports: reports(),
    }),
  );

/** The revocation schedules' target: stages applied, and the account's notice a day ahead. */
export const revocation = () => ({
  applyStage: makeApplyStage(stageDeps()),
  notice: makeAccountNotice({
    ...stageDeps(),
    tell: withOffboardingLinks(messenger()),
    policy: revocationPolicy(),
  }),
});

export const resignationPlanner = () => makePlanResignation(resignationDeps());

/**
 * The manifest id of a function by its ARN: the CDK gives the failure reports every function's name
 * (FUNCTION_NAMES); locally a function's name is its id.
 */
const functionIdsByName = /* @__PURE__ */ once(
  () =>
    new Map(
      Object.entries(JSON.parse(process.env[envNames.functionNames] ?? '{}') as Record<string, string>).map(
        ([id, name]) => [name, id],
      ),
    ),
);
export function functionIdOf(arn: string): string {
  const name = arn.split(':')[6] ?? arn;
  return functionIdsByName().get(name) ?? name;
}

/** What a background step still failed: the resignation or case it was about needs a person, HR is told. */
export const failureReports = () => {
  const caseTasks = makeCaseTasks(
    handoverDeps({
      resignations: notWired('resignations'),
      templates: notWired('templates'),
      workflow: notWired('workflow'),
      signer: notWired('signer'),
      bus: notWired('bus'),
      reports: notWired('reports'),
    }),
  );
  return makeReportFailure({
    resignations: resignationStore(),
    evidence: evidence(),
    tell: withOffboardingLinks(messenger()),
    clock,
    flagCase: caseTasks.flagForAttention,
  });
};

export const complianceSweep = () => makeComplianceSweep(resignationDeps());

/** The handover's daily gauges: open cases, overdue nodes. */
export const caseMeasures = () => makeCaseMeasures({ cases: caseStore() });
