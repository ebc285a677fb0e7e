import type { Deal } from '#domain/customers/index.ts';
import { addDays } from '#kernel/time.ts';
import type { AloneRule, Kpi } from './kpi.ts';
import { type MenteeResults, mentorEffect } from './mentorEffect.ts';

/** A notice that asked the person for acknowledgement: the days (company time) it reached them and they acknowledged. */
export interface AcknowledgementRecord {
  noticeId: string;
  deliveredOn: string;
  acknowledgedOn?: string | undefined;
}

/** A training session the person was enrolled in: the day it ended, and whether they completed it. */
export interface TrainingRecord {
  trainingId: string;
  sessionId: string;
  endedOn: string;
  /** Undefined while its attendance or exam is not recorded. */
  completed: boolean | undefined;
}

/** What a deal needs to say for the measures: who closed it, with whose help, when, for how much. */
export type DealRecord = Pick<
  Deal,
  'id' | 'customerId' | 'status' | 'closedAt' | 'closedBy' | 'assistedBy' | 'amount'
>;

export type AloneVerdict =
  | { alone: true }
  | { alone: false; because: 'assisted_by_lead' | 'assisted_by_mentor' | 'assisted'; by: string[] };

/**
 * Whether a won deal was closed alone under a rule: by default, nobody among its assistants was the
 * closer's lead or a mentor of theirs on the day it closed. Other helpers do not take it away.
 */
export function closedAlone(
  deal: Pick<DealRecord, 'assistedBy'>,
  rule: AloneRule,
  lead: string | undefined,
  mentors: readonly string[],
): AloneVerdict {
  if (rule === 'no_assistant')
    return deal.assistedBy.length === 0
      ? { alone: true }
      : { alone: false, because: 'assisted', by: deal.assistedBy };
  if (rule !== 'no_mentor' && lead && deal.assistedBy.includes(lead))
    return { alone: false, because: 'assisted_by_lead', by: [lead] };
  if (rule !== 'no_lead') {
    const by = deal.assistedBy.filter((id) => mentors.includes(id));
    if (by.length > 0) return { alone: false, because: 'assisted_by_mentor', by };
  }
  return { alone: true };
}

/** What the measures read about people, as of the period's end. */
export interface PeopleAsOf {
  leadOf(employeeId: string): string | undefined;
  /** Who mentored them on that day. */
  mentorsOn(employeeId: string, day: string): readonly string[];
  /** Their direct reports (a lead's team). */
  teamOf(employeeId: string): readonly string[];
  /** The won and lost deals they closed (any day; the measure keeps its window's). */
  dealsClosedBy(employeeId: string): readonly DealRecord[];
  /** The notices that asked them for acknowledgement (loaded only for a KPI that reads them). */
  acknowledgementsOf?(employeeId: string): readonly AcknowledgementRecord[];
  /** A mentor's mentees with their released results before and since (only for a KPI that reads them). */
  menteesOf?(employeeId: string): readonly MenteeResults[];
  /** The training sessions they were enrolled in (only for a KPI that reads them). */
  trainingsOf?(employeeId: string): readonly TrainingRecord[];
}

/** A record behind a number, with whether it counted and why not. */
export type MeasureRecord =
  | {
      kind: 'deal';
      id: string;
      customerId: string;
      closedAt: string;
      amount: DealRecord['amount'];
      counted: boolean;
      because?: 'assisted_by_lead' | 'assisted_by_mentor' | 'assisted' | 'other_currency';
      by?: string[];
    }
  | { kind: 'member'; employeeId: string; closedAlone: number; assisted: number; counted: boolean }
  | { kind: 'notice'; id: string; deliveredOn: string; acknowledgedOn?: string; counted: boolean }
  | { kind: 'mentee'; employeeId: string; change?: number; counted: boolean }
  | {
      kind: 'training';
      id: string;
      sessionId: string;
      endedOn: string;
      counted: boolean;
      because?: 'not_recorded';
    };

export interface Measurement {
  /** Undefined when the KPI does not apply (a team KPI for someone without a team, a rating not given). */
  actual: number | undefined;
  from: string;
  to: string;
  records: MeasureRecord[];
}

/** The share (0–1, to six decimals) of records that counted; undefined when there were none. */
const shareCounted = (records: readonly { counted: boolean }[]) =>
  records.length === 0
    ? undefined
    : Math.round((records.filter((r) => r.counted).length / records.length) * 1e6) / 1e6;

/** The days a KPI reads: its window up to the period's end, or the period. */
export function windowOf(kpi: Pick<Kpi, 'windowDays'>, period: { start: string; end: string }) {
  return { from: kpi.windowDays ? addDays(period.end, 1 - kpi.windowDays) : period.start, to: period.end };
}

function aloneWonDeals(people: PeopleAsOf, employeeId: string, rule: AloneRule, from: string, to: string) {
  const lead = people.leadOf(employeeId);
  return people
    .dealsClosedBy(employeeId)
    .filter((d) => d.status === 'won' && d.closedAt && d.closedAt >= from && d.closedAt <= to)
    .sort((a, b) => (a.closedAt as string).localeCompare(b.closedAt as string) || a.id.localeCompare(b.id))
    .map((deal) => ({
      deal,
      verdict: closedAlone(deal, rule, lead, people.mentorsOn(employeeId, deal.closedAt as string)),
    }));
}

const dealRecord = (deal: DealRecord, verdict: AloneVerdict): Extract<MeasureRecord, { kind: 'deal' }> => ({
  kind: 'deal',
  id: deal.id,
  customerId: deal.customerId,
  closedAt: deal.closedAt as string,
  amount: deal.amount,
  counted: verdict.alone,
  ...(verdict.alone ? {} : { because: verdict.because, by: verdict.by }),
});

/**
 * A computed KPI's actual value for one person over its window, with every record it read. Pure:
 * the same records and period give the same value. A rated KPI is measured from its review instead.
 */
export function measure(
  kpi: Pick<Kpi, 'source' | 'windowDays'>,
  employeeId: string,
  period: { start: string; end: string },
  people: PeopleAsOf,
): Measurement {
  const { from, to } = windowOf(kpi, period);
  const source = kpi.source;
  switch (source.kind) {
    case 'deals_closed_alone': {
      const deals = aloneWonDeals(people, employeeId, source.alone, from, to);
      return {
        actual: deals.filter((d) => d.verdict.alone).length,
        from,
        to,
        records: deals.map(({ deal, verdict }) => dealRecord(deal, verdict)),
      };
    }
    case 'revenue_closed_alone': {
      const deals = aloneWonDeals(people, employeeId, source.alone, from, to);
      const records = deals.map(({ deal, verdict }) =>
        deal.amount.currency !== source.currency
          ? { ...dealRecord(deal, verdict), counted: false, because: 'other_currency' as const }
          : dealRecord(deal, verdict),
      );
      const minor = records.reduce(
        (sum, r) => sum + (r.kind === 'deal' && r.counted ? r.amount.amountMinor : 0),
        0,
      );
      return { actual: minor / 100, from, to, records };
    }
    case 'team_closing_alone': {
      const team = people.teamOf(employeeId);
      if (team.length === 0) return { actual: undefined, from, to, records: [] };
      const records: MeasureRecord[] = team.map((memberId) => {
        const deals = aloneWonDeals(people, memberId, source.alone, from, to);
        const closedAlone = deals.filter((d) => d.verdict.alone).length;
        return {
          kind: 'member',
          employeeId: memberId,
          closedAlone,
          assisted: deals.length - closedAlone,
          counted: closedAlone >= source.minDeals,
        };
      });
      return { actual: shareCounted(records), from, to, records };
    }
    case 'notice_acknowledgement_rate': {
      const asked = (people.acknowledgementsOf?.(employeeId) ?? [])
        .filter((n) => n.deliveredOn >= from && n.deliveredOn <= to)
        .sort((a, b) => a.deliveredOn.localeCompare(b.deliveredOn) || a.noticeId.localeCompare(b.noticeId));
      const records: MeasureRecord[] = asked.map((n) => ({
        kind: 'notice',
        id: n.noticeId,
        deliveredOn: n.deliveredOn,
        ...(n.acknowledgedOn ? { acknowledgedOn: n.acknowledgedOn } : {}),
        counted: n.acknowledgedOn !== undefined && n.acknowledgedOn <= to,
      }));
      return { actual: shareCounted(records), from, to, records };
    }
    case 'mentee_improvement': {
      const effect = mentorEffect(people.menteesOf?.(employeeId) ?? []);
      const records: MeasureRecord[] = effect.mentees.map((m) => ({
        kind: 'mentee',
        employeeId: m.menteeId,
        ...('scoreChange' in m && m.scoreChange !== undefined ? { change: m.scoreChange } : {}),
        counted: m.compared,
      }));
      return { actual: effect.scored ? effect.average.scoreChange : undefined, from, to, records };
    }
    case 'training_completion': {
      const sessions = (people.trainingsOf?.(employeeId) ?? [])
        .filter((t) => t.endedOn >= from && t.endedOn <= to)
        .sort((a, b) => a.endedOn.localeCompare(b.endedOn) || a.sessionId.localeCompare(b.sessionId));
      const records: MeasureRecord[] = sessions.map((t) => ({
        kind: 'training',
        id: t.trainingId,
        sessionId: t.sessionId,
        endedOn: t.endedOn,
        counted: t.completed === true,
        ...(t.completed === undefined ? { because: 'not_recorded' as const } : {}),
      }));
      return { actual: shareCounted(records), from, to, records };
    }
    case 'review_rating':
      return { actual: undefined, from, to, records: [] };
  }
}
