import { makeReviewCycleStore } from '#adapters/aws/performance/cycleStore.ts';
import { makeKpiStore, makeReviewTemplateStore } from '#adapters/aws/performance/kpiStore.ts';
import { makeAudienceResolver } from '#app/communication/index.ts';
import { makeReviewCycles } from '#app/performance/cycles.ts';
import { makeKpis } from '#app/performance/kpis.ts';
import { once } from './once.ts';
import { accessStore, departmentStore, employeeStore } from './people.ts';
import { clock, companyTimeZone, table } from './platform.ts';

/** Performance: KPIs, review templates, cycles and scores. */
export const kpiStore = /* @__PURE__ */ once(() => makeKpiStore(table()));
export const reviewTemplateStore = /* @__PURE__ */ once(() => makeReviewTemplateStore(table()));
export const reviewCycleStore = /* @__PURE__ */ once(() => makeReviewCycleStore(table()));

export const kpisApi = () => makeKpis({ kpis: kpiStore(), templates: reviewTemplateStore(), clock });

export const reviewCyclesApi = () =>
  makeReviewCycles({
    cycles: reviewCycleStore(),
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
