import { makeCaseStore } from '#adapters/aws/offboarding/index.ts';
import { makeReviewCycleStore, makeReviewResultStore } from '#adapters/aws/performance/index.ts';
import { dynamo } from '#adapters/aws/platform/dynamodb.ts';
import { makeMentorshipStore } from '#adapters/aws/risk/mentorshipStore.ts';
import { makeSnapshotStore } from '#adapters/aws/risk/snapshotStore.ts';
import { teamGraphSvg } from '#adapters/aws/risk/teamGraphSvg.ts';
import { makeWeightsStore } from '#adapters/aws/risk/weightsStore.ts';
import { makeHandoversHeldBy } from '#app/offboarding/index.ts';
import { makeReleasedResults } from '#app/performance/index.ts';
import { makeRiskAssessments } from '#app/risk/assessments.ts';
import { makeKeyPersonCheck } from '#app/risk/keyPerson.ts';
import { makeMentorships } from '#app/risk/mentorships.ts';
import { makeProfiles } from '#app/risk/profiles.ts';
import { makeReferralTree, referralTreeBelow } from '#app/risk/referrals.ts';
import { makeResignationAlert } from '#app/risk/resignationAlert.ts';
import { makeSimulations } from '#app/risk/simulations.ts';
import { makeRiskSnapshots } from '#app/risk/snapshots.ts';
import { makeRiskWeights } from '#app/risk/weights.ts';
import { messenger } from './communication.ts';
import { dealStore, knowledgeStore } from './customers.ts';
import { once } from './once.ts';
import { departmentStore, employeeStore } from './people.ts';
import { clock, companyTimeZone, evidence, table } from './platform.ts';

/** Risk: the relations a team depends on (mentoring, referrals) and the risk computed from the records. */
export const mentorshipStore = /* @__PURE__ */ once(() => makeMentorshipStore(table()));
export const weightsStore = /* @__PURE__ */ once(() => makeWeightsStore(table()));
export const snapshotStore = /* @__PURE__ */ once(() => makeSnapshotStore(table()));
// Performance's released results for the profile, read with its own stores (its wiring imports this one).
const releasedReviews = /* @__PURE__ */ once(() =>
  makeReleasedResults({ cycles: makeReviewCycleStore(table()), results: makeReviewResultStore(table()) }),
);

export const mentorshipsApi = () =>
  makeMentorships({
    mentorships: mentorshipStore(),
    employees: employeeStore(),
    evidence: evidence(),
    clock,
  });

export const referralTree = () => makeReferralTree({ employees: employeeStore() });

const assessments = /* @__PURE__ */ once(() =>
  makeRiskAssessments({
    employees: employeeStore(),
    departments: departmentStore(),
    knowledge: knowledgeStore(),
    mentorships: mentorshipStore(),
    deals: dealStore(),
    weights: weightsStore(),
    graph: teamGraphSvg,
    clock,
    timeZone: companyTimeZone(),
  }),
);
const simulations = () =>
  makeSimulations({
    assessments: assessments(),
    employees: employeeStore(),
    // Its own case store: the offboarding wiring reads the risk weights, so it does not import it back.
    handoversHeldBy: makeHandoversHeldBy({ cases: makeCaseStore(dynamo, table()) }),
  });

/** Whether someone is a key person now (for overtime's approver), and whom they referred. */
export const keyPersonOf = (employeeId: string) =>
  makeKeyPersonCheck({ assessments: assessments(), employees: employeeStore() })(employeeId);
export const referralTreeOf = async (employeeId: string) =>
  (await referralTreeBelow(employeeStore(), employeeId)).people.map((p) => p.id);

export const riskApi = () => ({
  assessments: assessments(),
  simulations: simulations(),
  weights: makeRiskWeights({ weights: weightsStore(), evidence: evidence(), clock }),
  snapshots: riskSnapshots(),
  profiles: makeProfiles({
    assessments: assessments(),
    employees: employeeStore(),
    departments: departmentStore(),
    deals: dealStore(),
    releasedReviews: async (employeeId) =>
      (await releasedReviews()(employeeId)).map(({ cycle, result }) => ({
        cycleId: cycle.id,
        name: cycle.name,
        period: cycle.period,
        ...(result.score !== undefined ? { score: result.score } : {}),
      })),
  }),
});

export const riskSnapshots = () =>
  makeRiskSnapshots({
    assessments: assessments(),
    departments: departmentStore(),
    snapshots: snapshotStore(),
    tell: messenger(),
    writes: table(),
    clock,
    timeZone: companyTimeZone(),
  });

export const resignationAlert = () =>
  makeResignationAlert({
    assessments: assessments(),
    simulate: simulations(),
    employees: employeeStore(),
    tell: messenger(),
  });
