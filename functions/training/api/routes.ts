import {
  NewSkill,
  Position,
  PositionSkills,
  Requirement,
  SessionId,
  Skill,
  SkillEvidence,
  SkillId,
  SkillLevel,
  TrainingId,
} from '#domain/training/index.ts';
import { PageQuery, pageOf } from '#http/pagination.ts';
import { defineRoute } from '#http/route.ts';
import { CalendarDate, DepartmentId, EmployeeId, Timestamp } from '#kernel/ids.ts';
import { inBothLanguages, upTo } from '#kernel/text.ts';
import * as z from '#kernel/zod.ts';

const tag = 'training';
const SkillView = Skill.check(z.meta({ id: 'Skill' }));
const PositionView = PositionSkills.check(z.meta({ id: 'PositionSkills' }));
export const EvidenceView = SkillEvidence.check(z.meta({ id: 'SkillEvidence' }));
const Name = inBothLanguages(100);
const Programs = z
  .array(
    z.object({
      trainingId: TrainingId,
      name: Name,
      level: SkillLevel,
      nextSessions: z
        .array(
          z.object({
            id: SessionId,
            startsAt: Timestamp,
            local: z.object({ startsAt: upTo(16), endsAt: upTo(16), timeZone: upTo(64) }),
            capacity: z.int(),
            enrolled: z.int(),
          }),
        )
        .check(z.maxLength(3)),
    }),
  )
  .check(z.maxLength(5));
const Gap = z.object({
  skillId: SkillId,
  name: Name,
  required: SkillLevel,
  /** 0 when nothing shows it. */
  evidenced: z.int().check(z.gte(0), z.lte(5)),
  gap: z.int().check(z.gte(0), z.lte(5)),
  basis: z.optional(EvidenceView),
  /** Where there is a gap: the programs that certify the level, closest fit first, with sessions that have places. */
  programs: z.optional(Programs),
});

export const defineSkillRoute = defineRoute({
  method: 'POST',
  path: '/v1/skills',
  operationId: 'defineSkill',
  problems: ['skill_exists'],
  summary: 'Add a skill to the catalogue (HR): its id, names and what each of its levels 1–5 means',
  tag,
  auth: 'jwt',
  body: NewSkill.check(z.meta({ id: 'NewSkill' })),
  responses: { 201: { description: 'Added', body: SkillView, headers: ['Location'] } },
});

export const listSkillsRoute = defineRoute({
  method: 'GET',
  path: '/v1/skills',
  operationId: 'listSkills',
  summary: 'The skill catalogue, by id (everyone)',
  tag,
  auth: 'jwt',
  query: PageQuery,
  responses: { 200: { description: 'A page', body: pageOf(SkillView) } },
});

const ByPosition = z.object({ position: Position });

export const getPositionSkillsRoute = defineRoute({
  method: 'GET',
  path: '/v1/positions/{position}/skills',
  operationId: 'getPositionSkills',
  summary: 'The levels a position requires (the job title as employees’ records carry it, URL-encoded)',
  tag,
  auth: 'jwt',
  params: ByPosition,
  responses: { 200: { description: 'The requirements', body: PositionView } },
});

export const setPositionSkillsRoute = defineRoute({
  method: 'PUT',
  path: '/v1/positions/{position}/skills',
  operationId: 'setPositionSkills',
  problems: ['reference_not_found'],
  summary: 'Set the levels a position requires, as a whole (HR)',
  tag,
  auth: 'jwt',
  params: ByPosition,
  body: z.strictObject({ requirements: z.array(Requirement).check(z.maxLength(50)) }),
  responses: { 200: { description: 'The requirements', body: PositionView } },
});

const ById = z.object({ id: EmployeeId });

export const recordSkillEvidenceRoute = defineRoute({
  method: 'POST',
  path: '/v1/employees/{id}/skills/evidence',
  operationId: 'recordSkillEvidence',
  problems: ['reference_not_found'],
  summary:
    'Record evidence of someone’s level: an exam’s result (HR) or their manager’s assessment (their line, or HR); reviews and trainings add theirs',
  tag,
  auth: 'jwt',
  params: ById,
  body: z.strictObject({
    skillId: SkillId,
    level: SkillLevel,
    source: z.enum(['exam', 'manager_assessment']),
    on: CalendarDate,
    reference: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
    note: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(500))),
  }),
  responses: {
    201: {
      description: 'Recorded',
      body: z.object({
        employeeId: EmployeeId,
        evidence: z.array(EvidenceView).check(z.maxLength(2000)),
        version: z.int(),
      }),
    },
  },
});

export const getEmployeeSkillsRoute = defineRoute({
  method: 'GET',
  path: '/v1/employees/{id}/skills',
  operationId: 'getEmployeeSkills',
  summary:
    'Someone’s evidenced level per skill (the latest evidence, the strongest of its day), what their position requires and the gaps (the person, their line, HR)',
  tag,
  auth: 'jwt',
  params: ById,
  responses: {
    200: {
      description: 'Their skills',
      body: z
        .object({
          employeeId: EmployeeId,
          position: upTo(100),
          asOf: CalendarDate,
          required: z.array(Gap).check(z.maxLength(50)),
          evidenced: z
            .array(z.object({ skillId: SkillId, name: Name, level: SkillLevel, basis: EvidenceView }))
            .check(z.maxLength(500)),
          evidence: z.array(EvidenceView).check(z.maxLength(2000)),
        })
        .check(z.meta({ id: 'EmployeeSkills' })),
    },
  },
});

export const getDepartmentSkillGapsRoute = defineRoute({
  method: 'GET',
  path: '/v1/departments/{id}/skill-gaps',
  operationId: 'getDepartmentSkillGaps',
  summary:
    'A department’s gaps: per required skill and level, how many lack it and who ("3 of 8 lack key-account follow-up at level 3"); HR, the head and those above',
  tag,
  auth: 'jwt',
  params: z.object({ id: DepartmentId }),
  responses: {
    200: {
      description: 'The gaps',
      body: z
        .object({
          departmentId: DepartmentId,
          members: z.int(),
          asOf: CalendarDate,
          skills: z
            .array(
              z.object({
                skillId: SkillId,
                name: Name,
                level: SkillLevel,
                /** Members whose position requires it at this level. */
                required: z.int(),
                lacking: z.int(),
                summary: inBothLanguages(300),
                programs: z.optional(Programs),
                people: z
                  .array(
                    z.object({
                      employeeId: EmployeeId,
                      name: upTo(100),
                      evidenced: z.int().check(z.gte(0), z.lte(5)),
                      gap: z.int().check(z.gte(0), z.lte(5)),
                    }),
                  )
                  .check(z.maxLength(10_000)),
              }),
            )
            .check(z.maxLength(500)),
        })
        .check(z.meta({ id: 'DepartmentSkillGaps' })),
    },
  },
});

export const skillRoutes = [
  defineSkillRoute,
  listSkillsRoute,
  getPositionSkillsRoute,
  setPositionSkillsRoute,
  recordSkillEvidenceRoute,
  getEmployeeSkillsRoute,
  getDepartmentSkillGapsRoute,
];
