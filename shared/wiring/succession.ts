import { makeSuccessionStore } from '#adapters/aws/succession/index.ts';
import { makeReleasedResults } from '#app/performance/index.ts';
import { makeSuccession } from '#app/succession/keyPositions.ts';
import { makeSuccessionAlert } from '#app/succession/resignationAlert.ts';
import { messenger } from './communication.ts';
import { customerStore, interactionStore } from './customers.ts';
import { once } from './once.ts';
import { departmentStore, employeeStore } from './people.ts';
import { reviewCycleStore, reviewResultStore } from './performance.ts';
import { clock, companyTimeZone, table } from './platform.ts';
import { snapshotStore } from './risk.ts';
import { skillStore, trainingStore } from './training.ts';

/** Succession: key positions, candidates and their readiness, development plans. */
export const successionStore = /* @__PURE__ */ once(() => makeSuccessionStore(table()));

const releasedScores = async (employeeId: string) =>
  (
    await makeReleasedResults({ cycles: reviewCycleStore(), results: reviewResultStore() })(employeeId)
  ).flatMap(({ result }) =>
    result.score === undefined ? [] : [{ cycleId: result.cycleId, asOf: result.asOf, score: result.score }],
  );

export const successionApi = () =>
  makeSuccession({
    succession: successionStore(),
    employees: employeeStore(),
    departments: departmentStore(),
    skills: skillStore(),
    trainings: trainingStore(),
    customers: customerStore(),
    interactions: interactionStore(),
    releasedScores,
    latestRisk: async (departmentId) => (await snapshotStore().list(departmentId, { limit: 1 })).items[0],
    clock,
    timeZone: companyTimeZone(),
  });

/** The candidates for what someone holds, for the resignation alert and the handover. */
export const successionOffers = (employeeId: string) => successionApi().offersFor(employeeId);

export const successionAlert = () =>
  makeSuccessionAlert({
    succession: successionStore(),
    offersFor: successionOffers,
    employees: employeeStore(),
    tell: messenger(),
  });
