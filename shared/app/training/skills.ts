import { readerStanding, reportsTo } from '#app/people/index.ts';
import {
  evidencedLevels,
  type NewSkill,
  type PositionSkills,
  type Skill,
  type SkillEvidence,
  skillGaps,
} from '#domain/training/index.ts';
import type { Clock } from '#kernel/clock.ts';
import {
  ConflictError,
  InvalidInputError,
  NotFoundError,
  PermissionDeniedError,
  StaleVersionError,
} from '#kernel/errors.ts';
import { everyPage, type PageRequest } from '#kernel/pages.ts';
import { type Principal, requirePermission } from '#kernel/principal.ts';
import { localDate } from '#kernel/time.ts';
import type { DepartmentStore, EmployeeStore } from '#ports/people/index.ts';
import type { SkillStore } from '#ports/training/index.ts';
import type { ProposalsFor } from './proposals.ts';

export interface SkillDeps {
  skills: SkillStore;
  employees: Pick<EmployeeStore, 'get' | 'listByDepartment'>;
  departments: Pick<DepartmentStore, 'get'>;
  /** The programs that would close gaps. */
  proposals: ProposalsFor;
  clock: Clock;
  timeZone: string;
}

export interface NewEvidence {
  skillId: string;
  level: number;
  source: 'exam' | 'manager_assessment';
  on: string;
  reference?: string | undefined;
  note?: string | undefined;
}

/**
 * Skills: HR keeps the catalogue and the levels each position requires; evidence of a person's level
 * comes from exams (HR), their managers' assessments, review ratings and certifying trainings. Their
 * evidenced level is computed from it, and the gap is what their position requires beyond it.
 */
export function makeSkills(deps: SkillDeps) {
  const { skills, employees, clock } = deps;
  const today = () => localDate(clock.now(), deps.timeZone);

  const knownSkills = async (ids: readonly string[], field: (n: number) => string) => {
    const found = await skills.getMany([...new Set(ids)]);
    const issues = ids.flatMap((id, n) =>
      found.has(id) ? [] : [{ field: field(n), message: `No skill ${id}` }],
    );
    if (issues.length > 0)
      throw new InvalidInputError('Some skills are not in the catalogue.', issues, 'reference_not_found');
    return found;
  };

  /** The person, if the caller may see their skills: themselves, their line, HR. */
  const visible = async (actor: Principal, employeeId: string) => {
    const reader = await readerStanding(employees, actor, employeeId, 'skill:read:all');
    if (!reader) throw new NotFoundError(`Employee ${employeeId}`);
    return reader.person;
  };

  const nameOf = (found: Map<string, Skill>, id: string) => found.get(id)?.name ?? { 'zh-CN': id, en: id };

  /** Evidence added to someone's record (the use cases above, and the trainings and reviews that certify). */
  const add = async (employeeId: string, evidence: readonly SkillEvidence[]) => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const before = await skills.record(employeeId);
      const after = {
        employeeId,
        evidence: [...(before?.evidence ?? []), ...evidence],
        version: (before?.version ?? 0) + 1,
      };
      if (await skills.saveRecord(after)) return after;
    }
    throw new StaleVersionError();
  };

  return {
    async define(actor: Principal, input: NewSkill): Promise<Skill> {
      requirePermission(actor, 'skill:manage');
      const skill: Skill = { ...input, createdBy: actor.employeeId, createdAt: clock.now().toISOString() };
      if (!(await skills.create(skill)))
        throw new ConflictError('skill_exists', `The catalogue has ${input.id} already.`);
      return skill;
    },

    list: (_actor: Principal, page: PageRequest) => skills.list(page),

    async position(_actor: Principal, position: string): Promise<PositionSkills> {
      const found = await skills.position(position);
      if (!found) throw new NotFoundError(`Skills required of ${position}`);
      return found;
    },

    /** The levels a position requires, as a whole (each skill once). */
    async setPosition(
      actor: Principal,
      position: string,
      requirements: { skillId: string; level: number }[],
    ) {
      requirePermission(actor, 'skill:manage');
      const ids = requirements.map((r) => r.skillId);
      const twice = ids.findIndex((id, n) => ids.indexOf(id) !== n);
      if (twice >= 0)
        throw new InvalidInputError('A skill is required twice.', [
          { field: `requirements.${twice}.skillId`, message: `${ids[twice]} is listed already` },
        ]);
      await knownSkills(ids, (n) => `requirements.${n}.skillId`);
      for (let attempt = 0; attempt < 3; attempt++) {
        const before = await skills.position(position);
        const after: PositionSkills = {
          position,
          requirements,
          version: (before?.version ?? 0) + 1,
          updatedBy: actor.employeeId,
          updatedAt: clock.now().toISOString(),
        };
        if (await skills.savePosition(after)) return after;
      }
      throw new StaleVersionError();
    },

    /** An exam's result (HR) or a manager's assessment (their line, or HR) of someone's level. */
    async record(actor: Principal, employeeId: string, input: NewEvidence) {
      const person = await employees.get(employeeId);
      if (!person) throw new NotFoundError(`Employee ${employeeId}`);
      const hr = actor.permissions.has('skill:manage');
      if (input.source === 'exam' && !hr) throw new PermissionDeniedError('Exam results are recorded by HR.');
      if (
        input.source === 'manager_assessment' &&
        !hr &&
        !(await reportsTo(employees, person, actor.employeeId))
      )
        throw new PermissionDeniedError('Only their managers (or HR) assess someone’s skills.');
      if (input.on > today())
        throw new InvalidInputError('Evidence is of what was shown, not of what will be.', [
          { field: 'on', message: `After today (${today()})` },
        ]);
      await knownSkills([input.skillId], () => 'skillId');
      const evidence: SkillEvidence = {
        skillId: input.skillId,
        level: input.level,
        source: input.source,
        on: input.on,
        ...(input.reference ? { reference: input.reference } : {}),
        ...(input.note ? { note: input.note } : {}),
        recordedBy: actor.employeeId,
        recordedAt: clock.now().toISOString(),
      };
      return add(employeeId, [evidence]);
    },

    add,

    /** Someone's evidenced levels, their position's requirements and the gaps, with the evidence behind. */
    async of(actor: Principal, employeeId: string) {
      const person = await visible(actor, employeeId);
      const [record, required] = await Promise.all([
        skills.record(employeeId),
        skills.position(person.position),
      ]);
      const evidence = record?.evidence ?? [];
      const levels = evidencedLevels(evidence);
      const names = await skills.getMany([
        ...new Set([...levels.keys(), ...(required?.requirements ?? []).map((r) => r.skillId)]),
      ]);
      const gaps = skillGaps(required?.requirements ?? [], evidence);
      const proposals = await deps.proposals(gaps.filter((g) => g.gap > 0));
      return {
        employeeId,
        position: person.position,
        asOf: today(),
        required: gaps.map((g) => ({
          ...g,
          name: nameOf(names, g.skillId),
          ...(g.gap > 0 ? { programs: proposals.get(`${g.skillId}#${g.required}`) ?? [] } : {}),
        })),
        evidenced: [...levels.values()].map((basis) => ({
          skillId: basis.skillId,
          name: nameOf(names, basis.skillId),
          level: basis.level,
          basis,
        })),
        evidence: [...evidence].sort(
          (a, b) => b.on.localeCompare(a.on) || a.skillId.localeCompare(b.skillId),
        ),
      };
    },

    /** A department's gaps: per required skill and level, how many of those it applies to lack it, and who. */
    async gaps(actor: Principal, departmentId: string) {
      const department = await deps.departments.get(departmentId);
      if (!department) throw new NotFoundError(`Department ${departmentId}`);
      const head = department.headId ? await employees.get(department.headId) : undefined;
      const may =
        actor.permissions.has('skill:read:all') ||
        (head && (head.id === actor.employeeId || (await reportsTo(employees, head, actor.employeeId))));
      if (!may) throw new NotFoundError(`Department ${departmentId}`);
      const members = (
        await everyPage((page) => employees.listByDepartment(departmentId, page), 1000)
      ).filter((e) => e.status !== 'left');
      const [positions, records] = await Promise.all([
        skills.positions([...new Set(members.map((m) => m.position))]),
        skills.records(members.map((m) => m.id)),
      ]);
      const rows = new Map<
        string,
        {
          skillId: string;
          level: number;
          people: { employeeId: string; name: string; evidenced: number; gap: number }[];
        }
      >();
      for (const member of members) {
        const gaps = skillGaps(
          positions.get(member.position)?.requirements ?? [],
          records.get(member.id)?.evidence ?? [],
        );
        for (const g of gaps) {
          const key = `${g.skillId}#${g.required}`;
          const row = rows.get(key) ?? { skillId: g.skillId, level: g.required, people: [] };
          row.people.push({ employeeId: member.id, name: member.name, evidenced: g.evidenced, gap: g.gap });
          rows.set(key, row);
        }
      }
      const names = await skills.getMany([...new Set([...rows.values()].map((r) => r.skillId))]);
      const proposals = await deps.proposals(
        [...rows.values()]
          .filter((r) => r.people.some((p) => p.gap > 0))
          .map((r) => ({ skillId: r.skillId, required: r.level })),
      );
      return {
        departmentId,
        members: members.length,
        asOf: today(),
        skills: [...rows.values()]
          .sort((a, b) => a.skillId.localeCompare(b.skillId) || a.level - b.level)
          .map((row) => {
            const name = nameOf(names, row.skillId);
            const lacking = row.people.filter((p) => p.gap > 0).length;
            return {
              skillId: row.skillId,
              name,
              level: row.level,
              required: row.people.length,
              lacking,
              summary: {
                'zh-CN': `${row.people.length} 人中 ${lacking} 人未达到${name['zh-CN']} ${row.level} 级`,
                en: `${lacking} of ${row.people.length} lack ${name.en} at level ${row.level}`,
              },
              ...(lacking > 0 ? { programs: proposals.get(`${row.skillId}#${row.level}`) ?? [] } : {}),
              people: row.people.sort((a, b) => b.gap - a.gap || a.employeeId.localeCompare(b.employeeId)),
            };
          }),
      };
    },
  };
}
