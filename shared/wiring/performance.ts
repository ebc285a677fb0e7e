import { makeKpiStore, makeReviewTemplateStore } from '#adapters/aws/performance/kpiStore.ts';
import { makeKpis } from '#app/performance/kpis.ts';
import { once } from './once.ts';
import { clock, table } from './platform.ts';

/** Performance: KPIs, review templates, cycles and scores. */
export const kpiStore = /* @__PURE__ */ once(() => makeKpiStore(table()));
export const reviewTemplateStore = /* @__PURE__ */ once(() => makeReviewTemplateStore(table()));

export const kpisApi = () => makeKpis({ kpis: kpiStore(), templates: reviewTemplateStore(), clock });
