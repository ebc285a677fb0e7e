import { makeAccessDenialLog } from '#adapters/aws/evidence/accessDenialLog.ts';
import { dynamo } from '#adapters/aws/platform/dynamodb.ts';
import { config } from '#adapters/config.ts';
import { makeAccessDenials } from '#app/evidence/accessDenials.ts';
import { makeReadEvidence } from '#app/evidence/readEvidence.ts';
import { caseStore, resignationStore } from './offboarding.ts';
import { once } from './once.ts';
import { employeeStore } from './people.ts';
import { clock, companyTimeZone, evidence } from './platform.ts';

/** The evidence log as its readers see it (every area appends to it through the platform). */
export const evidenceApi = () => makeReadEvidence({ evidence: evidence(), timeZone: companyTimeZone() });

/** Refused attempts HR must see: who is leaving comes from the employee record and the latest resignation. */
export const accessDenials = /* @__PURE__ */ once(() =>
  makeAccessDenials({
    denials: makeAccessDenialLog(dynamo, config('hrTable')),
    clock,
    async leaving(employeeId) {
      const employee = await employeeStore().get(employeeId);
      if (employee?.status !== 'resigning' && employee?.status !== 'left') return undefined;
      const resignation = await resignationStore().latest(employeeId);
      return resignation && resignation.status !== 'withdrawn' ? { caseId: resignation.id } : {};
    },
    caseOwner: async (caseId) => (await caseStore().get(caseId))?.employeeId,
  }),
);
