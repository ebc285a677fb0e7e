import type { Deal } from '#domain/customers/index.ts';
import {
  type AcknowledgementRecord,
  type Kpi,
  type MenteeResults,
  measure,
  type Participant,
  type PeopleAsOf,
  type ReviewCycle,
  type ReviewResult,
  type TrainingRecord,
  windowOf,
} from '#domain/performance/index.ts';
import { type Mentorship, mentoringOn } from '#domain/risk/index.ts';
import { everyPage } from '#kernel/pages.ts';
import { localDate } from '#kernel/time.ts';
import type { NoticeStore } from '#ports/communication/index.ts';
import type { DealStore } from '#ports/customers/index.ts';
import type { EmployeeStore } from '#ports/people/index.ts';
import type { ReviewCycleStore, ReviewResultStore } from '#ports/performance/index.ts';
import type { MentorshipStore } from '#ports/risk/index.ts';

export interface MeasureInputDeps {
  deals: Pick<DealStore, 'closedBy'>;
  mentorships: Pick<MentorshipStore, 'listByMentee' | 'listByMentor'>;
  employees: Pick<EmployeeStore, 'listDirectReports'>;
  notices: Pick<NoticeStore, 'receiptsOf' | 'getMany'>;
  cycles: Pick<ReviewCycleStore, 'get'>;
  results: Pick<ReviewResultStore, 'resultsOf'>;
  /** The training sessions someone was enrolled in (training's records, for training_completion). */
  trainingsOf: (employeeId: string) => Promise<TrainingRecord[]>;
  timeZone: string;
}

/** Someone's results in released cycles, oldest period first: what they were told. */
export function makeReleasedResults(deps: Pick<MeasureInputDeps, 'cycles' | 'results'>) {
  return async (employeeId: string) => {
    // Read afresh each time: a cycle may be released between two calls.
    const cycles = new Map<string, Promise<ReviewCycle | undefined>>();
    const released: { cycle: ReviewCycle; result: ReviewResult }[] = [];
    for (const result of await everyPage((page) => deps.results.resultsOf(employeeId, page), 100)) {
      if (!cycles.has(result.cycleId)) cycles.set(result.cycleId, deps.cycles.get(result.cycleId));
      const cycle = await cycles.get(result.cycleId);
      if (cycle?.status === 'released') released.push({ cycle, result });
    }
    return released.sort((a, b) => a.result.asOf.localeCompare(b.result.asOf));
  };
}

/** What `closedAlone` reads of some people over some days: the deals each closed, who mentored them. */
export async function loadClosers(
  deps: Pick<MeasureInputDeps, 'deals' | 'mentorships'>,
  ids: readonly string[],
  from: string,
  to: string,
): Promise<Pick<PeopleAsOf, 'dealsClosedBy' | 'mentorsOn'>> {
  const deals = new Map<string, Deal[]>();
  const mentors = new Map<string, Mentorship[]>();
  for (const id of ids) {
    deals.set(id, await everyPage((page) => deps.deals.closedBy(id, from, to, page), 1000));
    mentors.set(id, await everyPage((page) => deps.mentorships.listByMentee(id, page), 100));
  }
  return {
    dealsClosedBy: (id) => deals.get(id) ?? [],
    mentorsOn: (id, day) => (mentors.get(id) ?? []).filter((m) => mentoringOn(m, day)).map((m) => m.mentorId),
  };
}

/**
 * What the measures read (domain/performance/measures.ts), loaded for some participants and their
 * teams over the days the cycle's KPIs need: the deals each closed, their mentors, a lead's reports;
 * and, only for the KPIs that read them, the notices they were asked to acknowledge and a mentor's
 * mentees' released results.
 */
export function makeMeasureInputs(deps: MeasureInputDeps) {
  const releasedResults = makeReleasedResults(deps);

  const acknowledgements = async (employeeId: string, from: string): Promise<AcknowledgementRecord[]> => {
    const receipts = [];
    let startKey: Record<string, unknown> | undefined;
    // Newest first: stop at the first page that reaches before the window.
    do {
      const page = await deps.notices.receiptsOf(employeeId, {
        limit: 100,
        ...(startKey ? { startKey } : {}),
      });
      receipts.push(...page.items);
      startKey = page.items.some((r) => localDate(new Date(r.deliveredAt), deps.timeZone) < from)
        ? undefined
        : page.nextKey;
    } while (startKey);
    const notices = await deps.notices.getMany([...new Set(receipts.map((r) => r.noticeId))]);
    return receipts
      .filter((r) => notices.get(r.noticeId)?.requiresAcknowledgement)
      .map((r) => ({
        noticeId: r.noticeId,
        deliveredOn: localDate(new Date(r.deliveredAt), deps.timeZone),
        ...(r.acknowledgedAt ? { acknowledgedOn: localDate(new Date(r.acknowledgedAt), deps.timeZone) } : {}),
      }));
  };

  const mentees = async (mentorId: string, asOf: string): Promise<MenteeResults[]> => {
    const mentorships = await everyPage((page) => deps.mentorships.listByMentor(mentorId, page), 100);
    const found: MenteeResults[] = [];
    for (const m of mentorships.filter((m) => m.since <= asOf)) {
      const results = (await releasedResults(m.menteeId)).map((r) => r.result).filter((r) => r.asOf <= asOf);
      found.push({
        menteeId: m.menteeId,
        since: m.since,
        before: results.filter((r) => r.asOf < m.since).at(-1),
        latest: results.filter((r) => r.asOf >= m.since).at(-1),
      });
    }
    return found;
  };

  return async (
    cycle: Pick<ReviewCycle, 'kpis' | 'period'>,
    participants: readonly Pick<Participant, 'employeeId' | 'managerId'>[],
  ): Promise<PeopleAsOf> => {
    const from = cycle.kpis.map((k) => windowOf(k, cycle.period).from).sort()[0] ?? cycle.period.start;
    const reads = (kind: string) => cycle.kpis.some((k) => k.source.kind === kind);
    const leads = new Map(participants.map((p) => [p.employeeId, p.managerId]));
    const teams = new Map<string, string[]>();
    if (reads('team_closing_alone'))
      for (const p of participants)
        teams.set(
          p.employeeId,
          (await everyPage((page) => deps.employees.listDirectReports(p.employeeId, page), 1000))
            .filter((e) => e.status !== 'left' || (e.lastWorkingDay ?? '') >= cycle.period.end)
            .map((e) => e.id)
            .sort(),
        );
    const people = [...new Set([...leads.keys(), ...[...teams.values()].flat()])];
    const memberLeads = new Map<string, string>();
    for (const [lead, team] of teams) for (const member of team) memberLeads.set(member, lead);
    const closers = await loadClosers(deps, people, from, cycle.period.end);
    const acknowledged = new Map<string, AcknowledgementRecord[]>();
    if (reads('notice_acknowledgement_rate'))
      for (const p of participants)
        acknowledged.set(p.employeeId, await acknowledgements(p.employeeId, from));
    const mentored = new Map<string, MenteeResults[]>();
    if (reads('mentee_improvement'))
      for (const p of participants) mentored.set(p.employeeId, await mentees(p.employeeId, cycle.period.end));
    const trained = new Map<string, TrainingRecord[]>();
    if (reads('training_completion'))
      for (const p of participants) trained.set(p.employeeId, await deps.trainingsOf(p.employeeId));
    return {
      leadOf: (id) => (leads.has(id) ? leads.get(id) : memberLeads.get(id)),
      ...closers,
      teamOf: (id) => teams.get(id) ?? [],
      acknowledgementsOf: (id) => acknowledged.get(id) ?? [],
      menteesOf: (id) => mentored.get(id) ?? [],
      trainingsOf: (id) => trained.get(id) ?? [],
    };
  };
}

/** The computed sources a window of any days can be measured over (not ratings, not mentees' results). */
export const windowedSources = [
  'deals_closed_alone',
  'revenue_closed_alone',
  'team_closing_alone',
  'notice_acknowledgement_rate',
  'training_completion',
] as const;

/**
 * A computed KPI for some people over windows of days of the caller's choosing (a training's effect
 * compares the days before a session with the days after), each value with the records behind it.
 */
export function makeKpiWindows(deps: MeasureInputDeps) {
  const inputs = makeMeasureInputs(deps);
  return async (
    kpi: Kpi,
    people: readonly { employeeId: string; managerId?: string | undefined }[],
    windows: readonly { start: string; end: string }[],
  ) => {
    const start = windows.map((w) => w.start).sort()[0];
    const end = windows
      .map((w) => w.end)
      .sort()
      .at(-1);
    if (!start || !end || people.length === 0) return () => undefined;
    const { windowDays: _, ...plain } = kpi;
    const asOf = await inputs({ kpis: [plain], period: { start, end } }, people);
    return (employeeId: string, window: { start: string; end: string }) =>
      measure(plain, employeeId, window, asOf);
  };
}
