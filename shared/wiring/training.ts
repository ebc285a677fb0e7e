import { makeReviewCycleStore, makeReviewResultStore } from '#adapters/aws/performance/index.ts';
import { makeMentoringStore, makeSkillStore, makeTrainingStore } from '#adapters/aws/training/index.ts';
import { makeKpiWindows, windowedSources } from '#app/performance/index.ts';
import { makeMentorshipReader } from '#app/risk/index.ts';
import { makeEffectiveness } from '#app/training/effectiveness.ts';
import { makeMentoring } from '#app/training/mentoring.ts';
import { makeTrainings } from '#app/training/programs.ts';
import { makeProposals } from '#app/training/proposals.ts';
import { makeTrainingReminders } from '#app/training/reminders.ts';
import { makeReviewEvidence } from '#app/training/reviewEvidence.ts';
import { makeSkills } from '#app/training/skills.ts';
import { messenger } from './communication.ts';
import { once } from './once.ts';
import { departmentStore, employeeStore } from './people.ts';
import { kpiStore, measureInputs } from './performance.ts';
import { clock, companyTimeZone, table } from './platform.ts';
import { mentorshipStore } from './risk.ts';

/** Training: skills and their evidence, programs, sessions and their effect. */
export const skillStore = /* @__PURE__ */ once(() => makeSkillStore(table()));
export const trainingStore = /* @__PURE__ */ once(() => makeTrainingStore(table()));
export const mentoringStore = /* @__PURE__ */ once(() => makeMentoringStore(table()));

export const skillsApi = () =>
  makeSkills({
    skills: skillStore(),
    employees: employeeStore(),
    departments: departmentStore(),
    proposals: makeProposals({ trainings: trainingStore(), clock }),
    clock,
    timeZone: companyTimeZone(),
  });

const kpiOf = (id: string) => kpiStore().get(id);

export const trainingsApi = () =>
  makeTrainings({
    trainings: trainingStore(),
    skills: skillStore(),
    employees: employeeStore(),
    kpiOf,
    windowedSources,
    tell: messenger(),
    clock,
    timeZone: companyTimeZone(),
  });

export const effectivenessApi = () =>
  makeEffectiveness({
    trainings: trainingStore(),
    employees: employeeStore(),
    kpiOf,
    kpiWindows: makeKpiWindows(measureInputs()),
    clock,
    timeZone: companyTimeZone(),
  });

export const trainingReminders = () =>
  makeTrainingReminders({ trainings: trainingStore(), tell: messenger(), clock });

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

export const mentoringApi = () => {
  const mentorships = makeMentorshipReader({ mentorships: mentorshipStore(), employees: employeeStore() });
  return makeMentoring({
    mentoring: mentoringStore(),
    mentorshipOf: mentorships.get,
    skills: skillStore(),
    employees: employeeStore(),
    kpiOf,
    kpiWindows: makeKpiWindows(measureInputs()),
    windowedSources,
    clock,
    timeZone: companyTimeZone(),
  });
};
