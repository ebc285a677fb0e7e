import { DepartmentId, Timestamp } from '#kernel/ids.ts';
import { inBothLanguages } from '#kernel/text.ts';
import * as z from '#kernel/zod.ts';
import { KpiId } from './kpi.ts';

/** RT + the UTC time to the second + random hex: RT20261201090000a1b2c3d4. */
export const ReviewTemplateId = z
  .string()
  .check(z.regex(/^RT\d{14}[0-9a-f]{8}$/, 'A review template id looks like RT20261201090000a1b2c3d4'));
export const reviewTemplateId = (at: Date, random: string) =>
  `RT${at.toISOString().slice(0, 19).replace(/[-:T]/g, '')}${random}`;

const weight = z.int().check(z.gte(1), z.lte(100));

/** A dimension rated 1–5 in a review: teamwork, independent work, customer care, … */
export const Competency = z.strictObject({
  key: z
    .string()
    .check(z.regex(/^[a-z][a-z0-9_]{1,39}$/, 'Lower-case letters, digits and _, as customer_care')),
  name: inBothLanguages(100),
  weight,
  /** The skill of the catalogue this rating evidences: a released rating becomes evidence of its level. */
  skillId: z.optional(
    z.string().check(z.regex(/^[a-z][a-z0-9_]{1,39}$/, 'A skill id, as key_account_followup')),
  ),
});
export type Competency = z.infer<typeof Competency>;

/** Whose ratings make a rated component, by weight; peers count only as an average over three or more. */
export const RaterWeights = z.strictObject({
  self: z.int().check(z.gte(0), z.lte(100)),
  manager: z.int().check(z.gte(0), z.lte(100)),
  peers: z.int().check(z.gte(0), z.lte(100)),
});
export type RaterWeights = z.infer<typeof RaterWeights>;

/** Fewer peers than this, and their ratings are neither shown nor counted. */
export const minimumPeers = 3;

const PositionWords = z.array(z.string().check(z.minLength(1), z.maxLength(40))).check(z.maxLength(20));
const DepartmentIds = z.array(DepartmentId).check(z.maxLength(50));
const Competencies = z.array(Competency).check(z.maxLength(20));

const templateFields = {
  name: inBothLanguages(100),
  /** Whom it is for: positions containing one of these words, or these departments; empty is everyone. */
  appliesTo: z._default(
    z.strictObject({
      positionWords: z._default(
        z.array(z.string().check(z.minLength(1), z.maxLength(40))).check(z.maxLength(20)),
        [],
      ),
      departmentIds: z._default(z.array(DepartmentId).check(z.maxLength(50)), []),
    }),
    { positionWords: [], departmentIds: [] },
  ),
  kpis: z.array(z.strictObject({ kpiId: KpiId, weight })).check(z.maxLength(30)),
  competencies: z._default(Competencies, []),
  raters: z._default(RaterWeights, { self: 20, manager: 50, peers: 30 }),
};

type TemplateShape = {
  kpis: { kpiId: string; weight: number }[];
  competencies: { key: string; weight: number }[];
  raters: RaterWeights;
};

/** The components' weights total 100; no KPI or competency twice; the raters' weights total 100. */
export function templateIssues(t: TemplateShape): { field: string; message: string }[] {
  const issues: { field: string; message: string }[] = [];
  const kpiWeights = t.kpis.reduce((sum, k) => sum + k.weight, 0);
  const competencyWeights = t.competencies.reduce((sum, c) => sum + c.weight, 0);
  if (t.kpis.length + t.competencies.length === 0)
    issues.push({ field: 'kpis', message: 'A template has at least one KPI or competency' });
  else if (kpiWeights + competencyWeights !== 100)
    issues.push({
      field: t.kpis.length > 0 ? 'kpis' : 'competencies',
      message: `The weights total ${kpiWeights + competencyWeights} (KPIs ${kpiWeights}, competencies ${competencyWeights}), not 100`,
    });
  const kpiIds = t.kpis.map((k) => k.kpiId);
  if (new Set(kpiIds).size !== kpiIds.length)
    issues.push({ field: 'kpis', message: 'A KPI is listed twice' });
  const keys = t.competencies.map((c) => c.key);
  if (new Set(keys).size !== keys.length)
    issues.push({ field: 'competencies', message: 'A competency key is listed twice' });
  const raters = t.raters.self + t.raters.manager + t.raters.peers;
  if (raters !== 100)
    issues.push({ field: 'raters', message: `The raters' weights total ${raters}, not 100` });
  return issues;
}

export const ReviewTemplateInput = z.strictObject(templateFields).check(
  z.superRefine((t, ctx) => {
    for (const issue of templateIssues(t))
      ctx.addIssue({ code: 'custom', message: issue.message, path: [issue.field], input: t });
  }),
);
export type ReviewTemplateInput = z.infer<typeof ReviewTemplateInput>;

/**
 * A review template, versioned: a cycle freezes the version it uses, so a change never alters a cycle
 * under way. Items (table Hr):
 *   pk = REVIEWTEMPLATE#<id>   sk = V#<version, 6 digits>   every version, as it was
 *   pk = REVIEWTEMPLATE#<id>   sk = CURRENT                 the newest   gsi1pk = REVIEWTEMPLATES  gsi1sk = <id>
 * Access patterns: one's newest (GetItem CURRENT); one version (GetItem); all newest (Query gsi1).
 */
export const ReviewTemplate = z.object({
  id: ReviewTemplateId,
  version: z.int().check(z.positive()),
  ...templateFields,
  appliesTo: z.object({ positionWords: PositionWords, departmentIds: DepartmentIds }),
  competencies: Competencies,
  raters: RaterWeights,
  createdAt: Timestamp,
  updatedBy: z.string().check(z.maxLength(40)),
  updatedAt: Timestamp,
});
export type ReviewTemplate = z.infer<typeof ReviewTemplate>;

export const reviewTemplateKeys = {
  version: (id: string, version: number) => ({
    pk: `REVIEWTEMPLATE#${id}`,
    sk: `V#${String(version).padStart(6, '0')}`,
  }),
  current: (id: string) => ({ pk: `REVIEWTEMPLATE#${id}`, sk: 'CURRENT' }),
  all: 'REVIEWTEMPLATES',
};

/** Whether a template is for this person: no criteria is everyone; else a department or a position word. */
export function templateApplies(
  t: Pick<ReviewTemplate, 'appliesTo'>,
  person: { departmentId: string; position: string },
): boolean {
  const { positionWords, departmentIds } = t.appliesTo;
  if (positionWords.length === 0 && departmentIds.length === 0) return true;
  const position = person.position.toLowerCase();
  return (
    departmentIds.includes(person.departmentId) ||
    positionWords.some((w) => position.includes(w.toLowerCase()))
  );
}
