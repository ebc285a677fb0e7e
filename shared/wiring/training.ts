import { makeReviewCycleStore, makeReviewResultStore } from '#adapters/aws/performance/index.ts';
import { makeSkillStore } from '#adapters/aws/training/skillStore.ts';
import { makeReviewEvidence } from '#app/training/reviewEvidence.ts';
import { makeSkills } from '#app/training/skills.ts';
import { once } from './once.ts';
import { departmentStore, employeeStore } from './people.ts';
import { clock, companyTimeZone, table } from './platform.ts';

/** Training: skills and their evidence. */
export const skillStore = /* @__PURE__ */ once(() => makeSkillStore(table()));

export const skillsApi = () =>
  makeSkills({
    skills: skillStore(),
    employees: employeeStore(),
    departments: departmentStore(),
    clock,
    timeZone: companyTimeZone(),
  });

export const reviewEvidence = () => {
  const skills = skillsApi();
  return makeReviewEvidence({
    cycles: makeReviewCycleStore(table()),
    results: makeReviewResultStore(table()),
    skills: skillStore(),
    add: skills.add,
    record: (employeeId) => skillStore().record(employeeId),
    clock,
  });
};
