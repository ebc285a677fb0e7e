import { addDays } from '#kernel/time.ts';
import type { AloneRule } from './kpi.ts';
import { closedAlone, type PeopleAsOf } from './measures.ts';

/** A helper on more than this share of someone's won deals is one they mostly depend on. */
export const mostlyShare = 0.5;

/** The last day of a month (YYYY-MM). */
export const monthEnd = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return addDays(`${m === 12 ? y + 1 : y}-${String(m === 12 ? 1 : m + 1).padStart(2, '0')}-01`, -1);
};

/** The `count` months up to and including the one `day` is in, oldest first. */
export function monthsUpTo(day: string, count: number): string[] {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, n) => {
    const index = y * 12 + (m - 1) - (count - 1 - n);
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
}

/**
 * How independent a lead's team is, month by month: the share of members who closed at least
 * `minDeals` won deals alone in the month; and per member over the whole window, deals closed alone
 * against assisted, who helped, and whether one helper was on most of them. Pure, over the records.
 */
export function teamIndependence(
  members: readonly { employeeId: string; name: string }[],
  months: readonly string[],
  rule: AloneRule,
  minDeals: number,
  people: PeopleAsOf,
) {
  const from = `${months[0]}-01`;
  const to = monthEnd(months.at(-1) as string);
  const perMember = members.map((member) => {
    const lead = people.leadOf(member.employeeId);
    const won = people
      .dealsClosedBy(member.employeeId)
      .filter((d) => d.status === 'won' && d.closedAt && d.closedAt >= from && d.closedAt <= to)
      .map((deal) => ({
        deal,
        verdict: closedAlone(deal, rule, lead, people.mentorsOn(member.employeeId, deal.closedAt as string)),
      }));
    const helpers = new Map<string, number>();
    for (const { deal } of won)
      for (const helper of deal.assistedBy) helpers.set(helper, (helpers.get(helper) ?? 0) + 1);
    const helped = [...helpers.entries()]
      .map(([employeeId, deals]) => ({ employeeId, deals }))
      .sort((a, b) => b.deals - a.deals || a.employeeId.localeCompare(b.employeeId));
    const top = helped[0];
    const aloneDays = won.filter((w) => w.verdict.alone).map((w) => w.deal.closedAt as string);
    return {
      employeeId: member.employeeId,
      name: member.name,
      won: won.length,
      closedAlone: aloneDays.length,
      assisted: won.length - aloneDays.length,
      helpers: helped,
      ...(top && top.deals / won.length > mostlyShare
        ? {
            mostlyDependsOn: {
              employeeId: top.employeeId,
              share: Math.round((top.deals / won.length) * 1000) / 1000,
            },
          }
        : {}),
      aloneDays,
    };
  });
  const byMonth = months.map((month) => {
    const closing = perMember.filter(
      (m) => m.aloneDays.filter((d) => d.startsWith(month)).length >= minDeals,
    );
    return {
      month,
      members: members.length,
      closingAlone: closing.length,
      share: members.length === 0 ? 0 : Math.round((closing.length / members.length) * 1e4) / 1e4,
    };
  });
  return {
    from,
    to,
    months: byMonth,
    members: perMember.map(({ aloneDays: _days, ...m }) => m),
  };
}
