import { makeSkillStore } from '#adapters/aws/training/skillStore.ts';
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
