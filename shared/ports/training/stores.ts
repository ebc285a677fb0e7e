import type { PositionSkills, Skill, SkillRecord } from '#domain/training/index.ts';
import type { PageRequest, PageResult } from '#kernel/pages.ts';

/** The skill catalogue, positions' requirements and people's evidence (table Hr). */
export interface SkillStore {
  get(id: string): Promise<Skill | undefined>;
  getMany(ids: readonly string[]): Promise<Map<string, Skill>>;
  list(page: PageRequest): Promise<PageResult<Skill>>;
  /** False when the id is taken. */
  create(skill: Skill): Promise<boolean>;
  position(position: string): Promise<PositionSkills | undefined>;
  positions(positions: readonly string[]): Promise<Map<string, PositionSkills>>;
  /** The next version, on condition that the stored one is still `after.version − 1` (none for 1). */
  savePosition(after: PositionSkills): Promise<boolean>;
  record(employeeId: string): Promise<SkillRecord | undefined>;
  records(employeeIds: readonly string[]): Promise<Map<string, SkillRecord>>;
  /** The next version of someone's evidence, on the same condition. */
  saveRecord(after: SkillRecord): Promise<boolean>;
}
