import { makeReviewCycleStore } from '#adapters/aws/performance/cycleStore.ts';
import { makeKpiStore, makeReviewTemplateStore } from '#adapters/aws/performance/kpiStore.ts';
import { makeReviewResultStore } from '#adapters/aws/performance/resultStore.ts';
import { makeMentoringStore, makeSkillStore, makeTrainingStore } from '#adapters/aws/training/index.ts';
import { makeAudienceResolver } from '#app/communication/index.ts';
import { makeReviewComputation } from '#app/performance/computation.ts';
import { makeReviewCycles } from '#app/performance/cycles.ts';
import { makeKpis } from '#app/performance/kpis.ts';
import { makeRatingReminders } from '#app/performance/ratingReminders.ts';
import { makeScores } from '#app/performance/scores.ts';
import { makeTeamViews } from '#app/performance/teamViews.ts';
import { makeMentoringProgramme } from '#app/training/index.ts';
import { everyPage } from '#kernel/pages.ts';
import { messenger, noticeStore } from './communication.ts';
import { dealStore } from './customers.ts';
import { once } from './once.ts';
import { accessStore, departmentStore, employeeStore } from './people.ts';
import { bus, clock, companyTimeZone, table } from './platform.ts';
import { mentorshipStore } from './risk.ts';

/** Performance: KPIs, review templates, cycles and scores. */
export const kpiStore = /* @__PURE__ */ once(() => makeKpiStore(table()));
export const reviewTemplateStore = /* @__PURE__ */ once(() => makeReviewTemplateStore(table()));
export const reviewCycleStore = /* @__PURE__ */ once(() => makeReviewCycleStore(table()));
export const reviewResultStore = /* @__PURE__ */ once(() => makeReviewResultStore(table()));

export const kpisApi = () => makeKpis({ kpis: kpiStore(), templates: reviewTemplateStore(), clock });

export const reviewCyclesApi = () =>
  makeReviewCycles({
    cycles: reviewCycleStore(),
    results: reviewResultStore(),
    bus: bus(),
    templates: reviewTemplateStore(),
    kpis: kpiStore(),
    employees: employeeStore(),
    audience: makeAudienceResolver({
      employees: employeeStore(),
      departments: departmentStore(),
      access: accessStore(),
    }),
    clock,
    timeZone: companyTimeZone(),
  });

/** The sessions someone was enrolled in, as training_completion reads them. */
const enrolments = /* @__PURE__ */ once(() => makeTrainingStore(table()));
const trainingsOf = async (employeeId: string) =>
  (await everyPage((page) => enrolments().enrolmentsOf(employeeId, page), 100)).map((e) => ({
    trainingId: e.trainingId,
    sessionId: e.sessionId,
    endedOn: e.sessionEndsOn,
    completed: e.completed,
  }));

/**
 * What the measures read (app/performance/measureInputs.ts), for the computation, the score view and
 * a training's effect.
 */
export const measureInputs = () => ({
  cycles: reviewCycleStore(),
  results: reviewResultStore(),
  deals: dealStore(),
  mentorships: mentorshipStore(),
  employees: employeeStore(),
  notices: noticeStore(),
  trainingsOf,
  timeZone: companyTimeZone(),
});

export const reviewComputation = () =>
  makeReviewComputation({ ...measureInputs(), tell: messenger(), clock });

export const scoresApi = () => makeScores({ ...measureInputs(), clock });

export const teamViewsApi = () =>
  makeTeamViews({
    cycles: reviewCycleStore(),
    results: reviewResultStore(),
    deals: dealStore(),
    mentorships: mentorshipStore(),
    employees: employeeStore(),
    // The training area's mentoring programme, read with its own stores (its wiring imports this one).
    programmeOf: makeMentoringProgramme({
      mentoring: makeMentoringStore(table()),
      skills: makeSkillStore(table()),
      clock,
      timeZone: companyTimeZone(),
    }),
    clock,
    timeZone: companyTimeZone(),
  });

export const ratingReminders = () =>
  makeRatingReminders({ cycles: reviewCycleStore(), tell: messenger(), clock, timeZone: companyTimeZone() });
