import { readerStanding } from '#app/people/index.ts';
import {
  type AloneRule,
  type MenteeResults,
  type MentoringProgramme,
  mentorEffect,
  monthsUpTo,
  teamIndependence,
} from '#domain/performance/index.ts';
import type { Mentorship } from '#domain/risk/index.ts';
import type { Clock } from '#kernel/clock.ts';
import { NotFoundError } from '#kernel/errors.ts';
import { everyPage } from '#kernel/pages.ts';
import type { Principal } from '#kernel/principal.ts';
import { localDate } from '#kernel/time.ts';
import type { DealStore } from '#ports/customers/index.ts';
import type { EmployeeStore } from '#ports/people/index.ts';
import type { ReviewCycleStore, ReviewResultStore } from '#ports/performance/index.ts';
import type { MentorshipStore } from '#ports/risk/index.ts';
import { loadClosers, makeReleasedResults } from './measureInputs.ts';

export interface TeamViewDeps {
  cycles: Pick<ReviewCycleStore, 'get'>;
  results: Pick<ReviewResultStore, 'resultsOf'>;
  deals: Pick<DealStore, 'closedBy'>;
  mentorships: Pick<MentorshipStore, 'listByMentee' | 'listByMentor'>;
  employees: Pick<EmployeeStore, 'get' | 'listDirectReports'>;
  /** The mentoring programme of a mentorship: its logged sessions and the mentee's skills gained. */
  programmeOf: (m: Mentorship) => Promise<MentoringProgramme>;
  clock: Clock;
  timeZone: string;
}

/**
 * What a lead's and a mentor's work did for others, from the records: the team's independence month
 * by month and cycle by cycle, and the mentor effect on each mentee. For the person, their line and HR.
 */
export function makeTeamViews(deps: TeamViewDeps) {
  const visible = async (actor: Principal, employeeId: string) => {
    const reader = await readerStanding(deps.employees, actor, employeeId, 'performance:read:all');
    if (!reader) throw new NotFoundError(`Employee ${employeeId}`);
    return reader.person;
  };

  const releasedResults = makeReleasedResults(deps);

  return {
    async independence(
      actor: Principal,
      leadId: string,
      options: { months: number; minDeals: number; alone: AloneRule },
    ) {
      await visible(actor, leadId);
      const asOf = localDate(deps.clock.now(), deps.timeZone);
      const months = monthsUpTo(asOf, options.months);
      const from = `${months[0]}-01`;
      const members = (await everyPage((page) => deps.employees.listDirectReports(leadId, page), 1000))
        .filter((e) => e.status !== 'left')
        .sort((a, b) => a.id.localeCompare(b.id));
      const closers = await loadClosers(
        deps,
        members.map((m) => m.id),
        from,
        asOf,
      );
      const view = teamIndependence(
        members.map((m) => ({ employeeId: m.id, name: m.name })),
        months,
        options.alone,
        options.minDeals,
        {
          leadOf: () => leadId,
          ...closers,
          teamOf: () => [],
        },
      );
      // The lead's team KPI in each released cycle, as it was computed then.
      const cycles = (await releasedResults(leadId)).flatMap(({ cycle, result }) =>
        result.kpis
          .filter((k) => k.source.kind === 'team_closing_alone' && k.actual !== undefined)
          .map((k) => ({
            cycleId: cycle.id,
            name: cycle.name,
            period: cycle.period,
            kpiId: k.kpiId,
            share: k.actual as number,
            baseline: k.baseline,
            target: k.target,
            progress: k.progress,
          })),
      );
      return { leadId, asOf, rule: { alone: options.alone, minDeals: options.minDeals }, ...view, cycles };
    },

    async mentorEffect(actor: Principal, mentorId: string) {
      await visible(actor, mentorId);
      const mentorships = await everyPage((page) => deps.mentorships.listByMentor(mentorId, page), 100);
      const mentees: MenteeResults[] = [];
      for (const m of mentorships) {
        const results = (await releasedResults(m.menteeId))
          .map((r) => r.result)
          .sort((a, b) => a.asOf.localeCompare(b.asOf));
        mentees.push({
          menteeId: m.menteeId,
          since: m.since,
          before: results.filter((r) => r.asOf < m.since).at(-1),
          latest: results.filter((r) => r.asOf >= m.since).at(-1),
          programme: await deps.programmeOf(m),
        });
      }
      return { mentorId, ...mentorEffect(mentees) };
    },
  };
}
