import { randomBytes } from 'node:crypto';
import {
  type Kpi,
  kpiId,
  kpiUnits,
  type NewKpi,
  type ReviewTemplate,
  type ReviewTemplateInput,
  reviewTemplateId,
} from '#domain/performance/index.ts';
import type { Clock } from '#kernel/clock.ts';
import { InvalidInputError, NotFoundError, requireVersion, StaleVersionError } from '#kernel/errors.ts';
import type { PageRequest } from '#kernel/pages.ts';
import { type Principal, requirePermission } from '#kernel/principal.ts';
import type { KpiStore, ReviewTemplateStore } from '#ports/performance/index.ts';

/**
 * KPIs and review templates: HR defines them, everyone may read them (people see how they are measured).
 * A KPI never changes once defined; a template changes by new versions, and cycles keep theirs.
 */
export function makeKpis({
  kpis,
  templates,
  clock,
}: {
  kpis: KpiStore;
  templates: ReviewTemplateStore;
  clock: Clock;
}) {
  /** Every KPI a template names exists. */
  const knownKpis = async (input: ReviewTemplateInput) => {
    const found = await kpis.getMany(input.kpis.map((k) => k.kpiId));
    const issues = input.kpis.flatMap((k, n) =>
      found.has(k.kpiId) ? [] : [{ field: `kpis.${n}.kpiId`, message: `No KPI ${k.kpiId}` }],
    );
    if (issues.length > 0)
      throw new InvalidInputError('Some KPIs do not exist.', issues, 'reference_not_found');
  };

  return {
    async define(actor: Principal, input: NewKpi): Promise<Kpi> {
      requirePermission(actor, 'performance:configure');
      const now = clock.now();
      const kpi: Kpi = {
        id: kpiId(now, randomBytes(4).toString('hex')),
        ...input,
        unit: kpiUnits[input.source.kind],
        createdBy: actor.employeeId,
        createdAt: now.toISOString(),
      };
      if (!(await kpis.create(kpi))) throw new StaleVersionError();
      return kpi;
    },

    list: (_actor: Principal, page: PageRequest) => kpis.list(page),

    async get(_actor: Principal, id: string) {
      const kpi = await kpis.get(id);
      if (!kpi) throw new NotFoundError(`KPI ${id}`);
      return kpi;
    },

    async createTemplate(actor: Principal, input: ReviewTemplateInput): Promise<ReviewTemplate> {
      requirePermission(actor, 'performance:configure');
      await knownKpis(input);
      const now = clock.now();
      const at = now.toISOString();
      const template: ReviewTemplate = {
        id: reviewTemplateId(now, randomBytes(4).toString('hex')),
        version: 1,
        ...input,
        createdAt: at,
        updatedBy: actor.employeeId,
        updatedAt: at,
      };
      if (!(await templates.save(template))) throw new StaleVersionError();
      return template;
    },

    /** A new version of a template, from the version the caller read (If-Match). */
    async reviseTemplate(
      actor: Principal,
      id: string,
      input: ReviewTemplateInput,
      expectedVersion: number | undefined,
    ): Promise<ReviewTemplate> {
      requirePermission(actor, 'performance:configure');
      const before = await templates.current(id);
      if (!before) throw new NotFoundError(`Review template ${id}`);
      requireVersion(before.version, expectedVersion);
      await knownKpis(input);
      const after: ReviewTemplate = {
        id,
        version: before.version + 1,
        ...input,
        createdAt: before.createdAt,
        updatedBy: actor.employeeId,
        updatedAt: clock.now().toISOString(),
      };
      if (!(await templates.save(after))) throw new StaleVersionError();
      return after;
    },

    listTemplates: (_actor: Principal, page: PageRequest) => templates.list(page),

    async getTemplate(_actor: Principal, id: string, version?: number) {
      const template =
        version === undefined ? await templates.current(id) : await templates.version(id, version);
      if (!template)
        throw new NotFoundError(
          version === undefined ? `Review template ${id}` : `Version ${version} of review template ${id}`,
        );
      return template;
    },
  };
}
