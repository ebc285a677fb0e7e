import { CalendarDate, EmployeeId, Timestamp } from '#kernel/ids.ts';
import { inBothLanguages, upTo } from '#kernel/text.ts';
import * as z from '#kernel/zod.ts';

/** A skill's id is a key HR chooses: key_account_followup. */
export const SkillId = z
  .string()
  .check(z.regex(/^[a-z][a-z0-9_]{1,39}$/, 'Lower-case letters, digits and _, as key_account_followup'));

export const SkillLevel = z.int().check(z.gte(1), z.lte(5));

export const NewSkill = z.strictObject({
  id: SkillId,
  name: inBothLanguages(100),
  /** What each level means, 1 to 5, in both languages (optional). */
  levels: z.optional(z.array(inBothLanguages(300)).check(z.length(5))),
});
export type NewSkill = z.infer<typeof NewSkill>;

/**
 * A skill of the catalogue. Items (table Hr): pk = SKILL#<id>  sk = SKILL  gsi1pk = SKILLS  gsi1sk = <id>.
 * Access patterns: one (GetItem, BatchGetItem); all by id (Query gsi1).
 */
export const Skill = z.object({
  ...NewSkill.shape,
  createdBy: EmployeeId,
  createdAt: Timestamp,
});
export type Skill = z.infer<typeof Skill>;

/** A position's job title exactly as employees' records carry it. */
export const Position = z.string().check(z.trim(), z.minLength(1), z.maxLength(100));

export const Requirement = z.strictObject({ skillId: SkillId, level: SkillLevel });

/**
 * The levels a position requires. Item (table Hr): pk = POSITION#<position>  sk = SKILLS, versioned.
 */
export const PositionSkills = z.object({
  position: Position,
  requirements: z.array(Requirement).check(z.maxLength(50)),
  version: z.int().check(z.positive()),
  updatedBy: EmployeeId,
  updatedAt: Timestamp,
});
export type PositionSkills = z.infer<typeof PositionSkills>;

export const EvidenceSource = z.enum(['exam', 'review_rating', 'manager_assessment', 'training_certificate']);
export type EvidenceSource = z.infer<typeof EvidenceSource>;

/** What a person showed of a skill, when, and on what ground. */
export const SkillEvidence = z.object({
  skillId: SkillId,
  level: SkillLevel,
  source: EvidenceSource,
  /** The day it was shown (an exam's, a review's period end, an assessment's). */
  on: CalendarDate,
  /** What it rests on: an exam's score, a review cycle, a training session; by whom it was recorded. */
  reference: z.optional(upTo(200)),
  note: z.optional(upTo(500)),
  recordedBy: upTo(40),
  recordedAt: Timestamp,
});
export type SkillEvidence = z.infer<typeof SkillEvidence>;

/**
 * A person's evidence, all of it, in one item beside them; written whole on each new piece on
 * condition of its version, so the evidenced levels are always those of the evidence kept.
 * Item (table Hr): pk = SKILLS#<employeeId>  sk = EVIDENCE. BatchGetItem reads a team's at once.
 */
export const SkillRecord = z.object({
  employeeId: EmployeeId,
  evidence: z.array(SkillEvidence).check(z.maxLength(2000)),
  version: z.int().check(z.positive()),
});
export type SkillRecord = z.infer<typeof SkillRecord>;

export const skillKeys = {
  skill: (id: string) => ({ pk: `SKILL#${id}`, sk: 'SKILL' }),
  all: 'SKILLS',
  position: (position: string) => ({ pk: `POSITION#${position}`, sk: 'SKILLS' }),
  record: (employeeId: string) => ({ pk: `SKILLS#${employeeId}`, sk: 'EVIDENCE' }),
};

/**
 * The evidenced level of each skill: the latest evidence's, the strongest of that day when there are
 * several; with the evidence it rests on.
 */
export function evidencedLevels(evidence: readonly SkillEvidence[]) {
  const bySkill = new Map<string, SkillEvidence>();
  for (const e of evidence) {
    const best = bySkill.get(e.skillId);
    if (!best || e.on > best.on || (e.on === best.on && e.level > best.level)) bySkill.set(e.skillId, e);
  }
  return bySkill;
}

/** Required against evidenced, skill by skill: the gap is what is missing (0 when met). */
export function skillGaps(
  requirements: readonly { skillId: string; level: number }[],
  evidence: readonly SkillEvidence[],
) {
  const levels = evidencedLevels(evidence);
  return requirements.map((r) => {
    const shown = levels.get(r.skillId);
    return {
      skillId: r.skillId,
      required: r.level,
      evidenced: shown?.level ?? 0,
      gap: Math.max(0, r.level - (shown?.level ?? 0)),
      ...(shown ? { basis: shown } : {}),
    };
  });
}
