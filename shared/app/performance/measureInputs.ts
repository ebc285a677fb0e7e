import type { Deal } from '#domain/customers/index.ts';
import { type Participant, type PeopleAsOf, type ReviewCycle, windowOf } from '#domain/performance/index.ts';
import type { Mentorship } from '#domain/risk/index.ts';
import { everyPage } from '#kernel/pages.ts';
import type { DealStore } from '#ports/customers/index.ts';
import type { EmployeeStore } from '#ports/people/index.ts';
import type { MentorshipStore } from '#ports/risk/index.ts';

export interface MeasureInputDeps {
  deals: Pick<DealStore, 'closedBy'>;
  mentorships: Pick<MentorshipStore, 'listByMentee'>;
  employees: Pick<EmployeeStore, 'listDirectReports'>;
}

/**
 * What the measures read (domain/performance/measures.ts), loaded for some participants and their
 * teams over the days the cycle's KPIs need: the deals each closed, their mentors, a lead's reports.
 */
export function makeMeasureInputs(deps: MeasureInputDeps) {
  return async (cycle: ReviewCycle, participants: readonly Participant[]): Promise<PeopleAsOf> => {
    const from = cycle.kpis.map((k) => windowOf(k, cycle.period).from).sort()[0] ?? cycle.period.start;
    const teamKpi = cycle.kpis.some((k) => k.source.kind === 'team_closing_alone');
    const leads = new Map(participants.map((p) => [p.employeeId, p.managerId]));
    const teams = new Map<string, string[]>();
    if (teamKpi)
      for (const p of participants)
        teams.set(
          p.employeeId,
          (await everyPage((page) => deps.employees.listDirectReports(p.employeeId, page), 1000))
            .filter((e) => e.status !== 'left' || (e.lastWorkingDay ?? '') >= cycle.period.end)
            .map((e) => e.id)
            .sort(),
        );
    const people = [...new Set([...leads.keys(), ...[...teams.values()].flat()])];
    const deals = new Map<string, Deal[]>();
    const mentors = new Map<string, Mentorship[]>();
    const memberLeads = new Map<string, string>();
    for (const [lead, team] of teams) for (const member of team) memberLeads.set(member, lead);
    for (const id of people) {
      deals.set(id, await everyPage((page) => deps.deals.closedBy(id, from, cycle.period.end, page), 1000));
      mentors.set(id, await everyPage((page) => deps.mentorships.listByMentee(id, page), 100));
    }
    return {
      leadOf: (id) => (leads.has(id) ? leads.get(id) : memberLeads.get(id)),
      mentorsOn: (id, day) =>
        (mentors.get(id) ?? [])
          .filter((m) => m.since <= day && (!m.until || m.until >= day))
          .map((m) => m.mentorId),
      teamOf: (id) => teams.get(id) ?? [],
      dealsClosedBy: (id) => deals.get(id) ?? [],
    };
  };
}
