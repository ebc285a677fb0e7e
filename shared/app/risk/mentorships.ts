import { randomBytes } from 'node:crypto';
import { reportsTo } from '#app/people/index.ts';
import { type Mentorship, mentorshipId, type NewMentorship } from '#domain/risk/mentorship.ts';
import type { Clock } from '#kernel/clock.ts';
import { ConflictError, InvalidInputError, NotFoundError, requireVersion } from '#kernel/errors.ts';
import type { PageRequest, PageResult } from '#kernel/pages.ts';
import { type Principal, requirePermission } from '#kernel/principal.ts';
import { committing } from '#kernel/writes.ts';
import type { EvidenceLog } from '#ports/evidence/index.ts';
import type { EmployeeStore } from '#ports/people/index.ts';
import type { MentorshipStore } from '#ports/risk/mentorshipStore.ts';

export interface MentorshipDeps {
  mentorships: MentorshipStore;
  employees: Pick<EmployeeStore, 'get'>;
  evidence: EvidenceLog;
  clock: Clock;
}

export interface MentorshipFilter {
  mentorId?: string | undefined;
  menteeId?: string | undefined;
  status?: Mentorship['status'] | undefined;
}

/**
 * Who may read a mentorship: HR, the mentor and the mentee, and managers of either; to anyone else
 * it does not exist. For the use cases here and the mentoring programme (training).
 */
export function makeMentorshipReader({
  mentorships,
  employees,
}: Pick<MentorshipDeps, 'mentorships' | 'employees'>) {
  /** Whether the caller may read the mentorships of this person. */
  const mayRead = async (actor: Principal, employeeId: string) => {
    if (actor.permissions.has('employee:manage') || actor.employeeId === employeeId) return true;
    if (!actor.permissions.has('employee:read:team')) return false;
    const employee = await employees.get(employeeId);
    return employee !== undefined && (await reportsTo(employees, employee, actor.employeeId));
  };
  const visible = async (actor: Principal, m: Mentorship) =>
    (await mayRead(actor, m.menteeId)) || (await mayRead(actor, m.mentorId));
  return {
    mayRead,
    visible,
    async get(actor: Principal, id: string): Promise<Mentorship> {
      const m = await mentorships.get(id);
      if (!m || !(await visible(actor, m))) throw new NotFoundError(`Mentorship ${id}`);
      return m;
    },
  };
}

/**
 * Mentoring, as records: HR records who mentors whom (with a goal) and when it ends; each start and
 * end is evidence. HR reads every one; the mentor and the mentee read theirs, and managers those of
 * the people in their reporting line.
 */
export function makeMentorships({ mentorships, employees, evidence, clock }: MentorshipDeps) {
  const { mayRead, visible, get } = makeMentorshipReader({ mentorships, employees });

  return {
    async start(actor: Principal, input: NewMentorship): Promise<Mentorship> {
      requirePermission(actor, 'employee:manage');
      const now = clock.now();
      const at = now.toISOString();
      const m: Mentorship = {
        id: mentorshipId(now, randomBytes(4).toString('hex')),
        ...input,
        status: 'active',
        createdBy: actor.employeeId,
        createdAt: at,
        updatedAt: at,
        version: 1,
      };
      await committing(mentorships.prepareCreate(m), (writes) =>
        evidence.append(
          [
            {
              actor: actor.employeeId,
              action: 'mentorship.started',
              subject: `employee:${m.menteeId}`,
              details: { mentorshipId: m.id, mentorId: m.mentorId, since: m.since, goal: m.goal },
            },
          ],
          { alongside: writes },
        ),
      );
      return m;
    },

    get,

    /** Ends it on a day (not before it began), with the reason; once. */
    async end(
      actor: Principal,
      id: string,
      change: { until: string; reason: string },
      expectedVersion: number | undefined,
    ): Promise<Mentorship> {
      const before = await mentorships.get(id);
      if (!before || !(await visible(actor, before))) throw new NotFoundError(`Mentorship ${id}`);
      requirePermission(actor, 'employee:manage');
      if (change.until < before.since)
        throw new InvalidInputError('A mentorship ends on or after the day it began.', [
          { field: 'until', message: `Before its start, ${before.since}` },
        ]);
      requireVersion(before.version, expectedVersion);
      if (before.status === 'ended')
        throw new ConflictError('mentorship_ended', `Mentorship ${id} has ended.`);
      const after: Mentorship = {
        ...before,
        status: 'ended',
        until: change.until,
        endedReason: change.reason,
        updatedAt: clock.now().toISOString(),
        version: before.version + 1,
      };
      await committing(mentorships.prepareUpdate(before, after), (writes) =>
        evidence.append(
          [
            {
              actor: actor.employeeId,
              action: 'mentorship.ended',
              subject: `employee:${after.menteeId}`,
              reason: change.reason,
              details: { mentorshipId: id, mentorId: after.mentorId, until: change.until },
            },
          ],
          { alongside: writes },
        ),
      );
      return after;
    },

    /**
     * By mentor or by mentee (one Query each; the other filters what it reads), else every one (HR).
     * A page may hold fewer than `limit` items when a filter removes some (follow nextKey).
     */
    async list(
      actor: Principal,
      filter: MentorshipFilter,
      page: PageRequest,
    ): Promise<PageResult<Mentorship>> {
      const { mentorId, menteeId, status } = filter;
      const person = mentorId ?? menteeId;
      if (person === undefined) requirePermission(actor, 'employee:manage');
      else if (!(await mayRead(actor, person))) requirePermission(actor, 'employee:manage'); // refuses with what it needs
      const result = mentorId
        ? await mentorships.listByMentor(mentorId, page)
        : menteeId
          ? await mentorships.listByMentee(menteeId, page)
          : await mentorships.list(page);
      const holds = (m: Mentorship) =>
        (menteeId === undefined || m.menteeId === menteeId) && (status === undefined || m.status === status);
      return { ...result, items: result.items.filter(holds) };
    },
  };
}

export type Mentorships = ReturnType<typeof makeMentorships>;
