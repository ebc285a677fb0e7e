import { DepartmentId } from '#kernel/ids.ts';
import * as z from '#kernel/zod.ts';
import { Confirmer, NodeKindName, TemplateId, WorkSection } from './vocabulary.ts';

/**
 * Offboarding templates: which handover nodes a role's offboarding has, when each is due relative to
 * the last working day, who confirms it, and when the people who still owe something are reminded.
 * The schema checks a template's shape; the node-kind registry checks each node against its kind.
 * Items (table Hr): pk = TEMPLATES  sk = TEMPLATE#<id>; the defaults below apply until HR admins store
 * their own version of a template.
 */

const Bilingual = z.strictObject({
  'zh-CN': z.string().check(z.minLength(1), z.maxLength(100)),
  en: z.string().check(z.minLength(1), z.maxLength(100)),
});

export const TemplateNode = z.strictObject({
  kind: NodeKindName,
  /** Due at the end of this day relative to the last working day (−3: three days before). */
  deadlineOffsetDays: z.int().check(z.gte(-60), z.lte(30)),
  /** Who still owes something is reminded this many days before the deadline. */
  remindDaysBefore: z.array(z.int().check(z.gte(1), z.lte(30))).check(z.maxLength(3)),
  confirmedBy: Confirmer,
  /** For a node filled in section by section (the work report): the sections the employee fills in. */
  sections: z.optional(z.array(WorkSection).check(z.minLength(1), z.maxLength(WorkSection.options.length))),
});
export type TemplateNode = z.infer<typeof TemplateNode>;

export const OffboardingTemplate = z
  .strictObject({
    id: TemplateId,
    name: Bilingual,
    /** Lower ranks are tried first; the first template that matches the employee is used. */
    rank: z.int().check(z.gte(0), z.lte(1000)),
    match: z.strictObject({
      departmentIds: z._default(z.array(DepartmentId).check(z.maxLength(50)), []),
      /** Case-insensitive words of the position, e.g. 销售, Engineer. */
      positionWords: z._default(
        z.array(z.string().check(z.minLength(1), z.maxLength(40))).check(z.maxLength(20)),
        [],
      ),
      /** Matches anyone: the fallback template. */
      anyone: z._default(z.boolean(), false),
    }),
    nodes: z.array(TemplateNode).check(z.minLength(1), z.maxLength(10)),
  })
  .check(
    z.superRefine((t, ctx) => {
      const kinds = t.nodes.map((n) => n.kind);
      t.nodes.forEach((node, i) => {
        if (kinds.indexOf(node.kind) !== i)
          ctx.addIssue({ code: 'custom', path: ['nodes', i, 'kind'], message: `A second ${node.kind} node` });
        if (node.remindDaysBefore.some((d, j) => node.remindDaysBefore.indexOf(d) !== j))
          ctx.addIssue({
            code: 'custom',
            path: ['nodes', i, 'remindDaysBefore'],
            message: 'Each reminder day once',
          });
      });
      const { departmentIds, positionWords, anyone } = t.match;
      if (!anyone && departmentIds.length === 0 && positionWords.length === 0)
        ctx.addIssue({
          code: 'custom',
          path: ['match'],
          message: 'Match departments, position words, or anyone',
        });
    }),
    z.meta({ id: 'OffboardingTemplate' }),
  );
export type OffboardingTemplate = z.infer<typeof OffboardingTemplate>;

const baseSections: WorkSection[] = [
  'openProjects',
  'pendingTasks',
  'documentLocations',
  'accountsToHandOver',
];
const workReport = (sections: WorkSection[]): TemplateNode => ({
  kind: 'work-report',
  deadlineOffsetDays: -2,
  remindDaysBefore: [2, 1],
  confirmedBy: 'manager',
  sections,
});
/** The leaver's direct reports, each to a new manager her manager names and who confirms. */
const team: TemplateNode = {
  kind: 'team',
  deadlineOffsetDays: -2,
  remindDaysBefore: [2, 1],
  confirmedBy: 'manager',
};
const assets: TemplateNode = {
  kind: 'assets',
  deadlineOffsetDays: 0,
  remindDaysBefore: [2, 1],
  confirmedBy: 'admin_office',
};

/** The templates a company starts with (DESIGN: customers D−3, work report D−2, assets D; reminders 2 and 1 days before). */
export const defaultTemplates: readonly OffboardingTemplate[] = [
  {
    id: 'sales-lead',
    name: { 'zh-CN': '销售管理岗位离职交接', en: 'Sales lead handover' },
    rank: 5,
    match: {
      departmentIds: [],
      positionWords: ['销售经理', '销售总监', 'sales team lead', 'sales director', 'head of sales'],
      anyone: false,
    },
    nodes: [
      { kind: 'customers', deadlineOffsetDays: -3, remindDaysBefore: [2, 1], confirmedBy: 'successor' },
      workReport([...baseSections, 'openApprovals']),
      team,
      assets,
    ],
  },
  {
    id: 'sales',
    name: { 'zh-CN': '销售岗位离职交接', en: 'Sales handover' },
    rank: 10,
    match: { departmentIds: ['D02'], positionWords: ['销售', 'sales', 'account manager'], anyone: false },
    nodes: [
      { kind: 'customers', deadlineOffsetDays: -3, remindDaysBefore: [2, 1], confirmedBy: 'successor' },
      workReport(baseSections),
      assets,
    ],
  },
  {
    id: 'engineering',
    name: { 'zh-CN': '研发岗位离职交接', en: 'Engineering handover' },
    rank: 20,
    match: {
      departmentIds: ['D03'],
      positionWords: ['engineer', '工程师', '开发', 'developer'],
      anyone: false,
    },
    nodes: [workReport([...baseSections, 'repositories', 'credentialsToRotate']), assets],
  },
  {
    id: 'manager',
    name: { 'zh-CN': '管理岗位离职交接', en: 'Manager handover' },
    rank: 30,
    match: {
      departmentIds: [],
      positionWords: ['经理', '总监', '主管', 'manager', 'director', 'head'],
      anyone: false,
    },
    nodes: [workReport([...baseSections, 'team', 'openApprovals']), team, assets],
  },
  {
    id: 'general',
    name: { 'zh-CN': '通用离职交接', en: 'General handover' },
    rank: 1000,
    match: { departmentIds: [], positionWords: [], anyone: true },
    nodes: [workReport(baseSections), assets],
  },
];

/** The first template, by rank, whose department or position words match the employee. */
export function pickTemplate(
  templates: readonly OffboardingTemplate[],
  employee: { departmentId: string; position: string },
): OffboardingTemplate | undefined {
  const position = employee.position.toLowerCase();
  return [...templates]
    .sort((a, b) => a.rank - b.rank || a.id.localeCompare(b.id))
    .find(
      ({ match }) =>
        match.anyone ||
        match.departmentIds.includes(employee.departmentId) ||
        match.positionWords.some((word) => position.includes(word.toLowerCase())),
    );
}

export const templateKeys = {
  partition: 'TEMPLATES',
  item: (id: string) => ({ pk: 'TEMPLATES', sk: `TEMPLATE#${id}` }),
};
