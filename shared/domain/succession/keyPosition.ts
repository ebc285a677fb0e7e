import { Position, TrainingId } from '#domain/training/index.ts';
import { CalendarDate, DepartmentId, EmployeeId, stampedId, Timestamp } from '#kernel/ids.ts';
import { upTo } from '#kernel/text.ts';
import * as z from '#kernel/zod.ts';

/** P + the UTC time to the second + random hex: P20261201090000a1b2c3d4. */
export const KeyPositionId = z
  .string()
  .check(z.regex(/^P\d{14}[0-9a-f]{8}$/, 'A key position id looks like P20261201090000a1b2c3d4'));
export const keyPositionId = stampedId('P');

/** What a successor must show before they are ready; each has a default HR may change. */
export const Criteria = z.strictObject({
  /** The released review score (0–100) they reach. */
  minimumScore: z._default(z.number().check(z.gte(0), z.lte(100)), 80),
  /** Programs they have completed. */
  requiredTrainings: z._default(z.array(TrainingId).check(z.maxLength(10)), []),
  /** The incumbent's key accounts they have met together with her (interactions with both). */
  sharedKeyAccounts: z._default(z.int().check(z.gte(0), z.lte(100)), 3),
  /** Months in their current role. */
  monthsInRole: z._default(z.int().check(z.gte(0), z.lte(240)), 12),
});
export type Criteria = z.infer<typeof Criteria>;

export const NewKeyPosition = z.strictObject({
  /** The job title, as employees' records carry it; its required skills are the position's. */
  position: Position,
  departmentId: DepartmentId,
  /** Who holds it now. */
  incumbentId: EmployeeId,
  /** Without it, every criterion's default. */
  criteria: z._default(Criteria, () => Criteria.parse({})),
  /** Why it is key, in HR's words. */
  reason: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(1000))),
});
export type NewKeyPosition = z.infer<typeof NewKeyPosition>;

/**
 * A position the company cannot lose without a successor. Items (table Hr):
 *   pk = KEYPOS#<id>  sk = KEYPOS  gsi1pk = KEYPOSITIONS  gsi1sk = <id>
 *   gsi2pk = KEYPOS_HELD_BY#<incumbentId>  gsi2sk = <id>   (a resignation finds what the leaver holds)
 */
export const KeyPosition = z.object({
  id: KeyPositionId,
  position: Position,
  departmentId: DepartmentId,
  incumbentId: EmployeeId,
  criteria: z.object({
    minimumScore: z.number(),
    requiredTrainings: z.array(TrainingId).check(z.maxLength(10)),
    sharedKeyAccounts: z.int(),
    monthsInRole: z.int(),
  }),
  reason: z.optional(upTo(1000)),
  flaggedBy: EmployeeId,
  flaggedAt: Timestamp,
});
export type KeyPosition = z.infer<typeof KeyPosition>;

export const PlanItemKind = z.enum(['rotation', 'project', 'mentor', 'training']);
export const PlanItemStatus = z.enum(['planned', 'in_progress', 'done', 'dropped']);

export const NewPlanItem = z.strictObject({
  kind: PlanItemKind,
  description: z.string().check(z.trim(), z.minLength(1), z.maxLength(500)),
  ownerId: EmployeeId,
  due: CalendarDate,
  status: z._default(PlanItemStatus, 'planned'),
});

/** A step of a candidate's development plan. */
export const PlanItem = z.object({
  kind: PlanItemKind,
  description: upTo(500),
  ownerId: EmployeeId,
  due: CalendarDate,
  status: PlanItemStatus,
  updatedBy: EmployeeId,
  updatedAt: Timestamp,
});
export type PlanItem = z.infer<typeof PlanItem>;

/**
 * Someone considered for a key position, with their development plan and the potential their
 * management chain sees in them (1 low, 2 medium, 3 high: the 9-box's other axis). Item (table Hr):
 *   pk = KEYPOS#<keyPositionId>  sk = CANDIDATE#<employeeId>  gsi1pk = CANDIDATE#<employeeId>  gsi1sk = <keyPositionId>
 */
export const Candidate = z.object({
  keyPositionId: KeyPositionId,
  employeeId: EmployeeId,
  /** When they took their current role (their hire date unless HR says otherwise). */
  inRoleSince: CalendarDate,
  nominatedBy: EmployeeId,
  nominatedAt: Timestamp,
  potential: z.optional(
    z.object({ rating: z.int().check(z.gte(1), z.lte(3)), by: EmployeeId, at: Timestamp }),
  ),
  plan: z.array(PlanItem).check(z.maxLength(50)),
  version: z.int().check(z.positive()),
});
export type Candidate = z.infer<typeof Candidate>;

export const successionKeys = {
  keyPosition: (id: string) => ({ pk: `KEYPOS#${id}`, sk: 'KEYPOS' }),
  all: 'KEYPOSITIONS',
  heldBy: (employeeId: string) => `KEYPOS_HELD_BY#${employeeId}`,
  candidate: (keyPositionId: string, employeeId: string) => ({
    pk: `KEYPOS#${keyPositionId}`,
    sk: `CANDIDATE#${employeeId}`,
  }),
  candidacies: (employeeId: string) => `CANDIDATE#${employeeId}`,
};
