import { type Customer, type Deal, type Interaction, interactionId } from '#domain/customers/index.ts';
import type { Employee } from '#domain/people/index.ts';

/** The two years the demo's sales book covers: November 2024 to October 2026. */
const months = Array.from({ length: 24 }, (_, n) => {
  const d = new Date(Date.UTC(2024, 10 + n, 1));
  return d.toISOString().slice(0, 7);
});
const hex = (n: number) => n.toString(16).padStart(8, '0');

/**
 * Two years of deals and follow-ups that tell the story of SCENARIOS.md 8: Wang Fang (E1002) alone
 * follows up four of her five key accounts; Li Lei (E1003) joins her on the fifth, so he knows it
 * next best. Two of her team (E1004, E1005) won nothing without her help. Han Meimei's team (D08)
 * follows up every customer in pairs, so nobody there is the only one who knows a customer.
 * Deterministic: the same records on every machine.
 */
export function salesHistory(
  customers: readonly Customer[],
  people: readonly Pick<Employee, 'id' | 'departmentId'>[],
  annualYuan: ReadonlyMap<string, number>,
): { deals: Deal[]; interactions: Interaction[] } {
  const deals: Deal[] = [];
  const interactions: Interaction[] = [];
  const departmentOf = new Map(people.map((p) => [p.id, p.departmentId]));
  const teamOf = (departmentId: string) =>
    people.filter((p) => p.departmentId === departmentId).map((p) => p.id);
  const keyAccounts = customers.filter((c) => c.ownerId === 'E1002' && c.tier === 'key');
  let serial = 0;

  for (const [index, c] of customers.entries()) {
    const team = teamOf(departmentOf.get(c.ownerId) ?? '');
    const partner = team[(team.indexOf(c.ownerId) + 1) % team.length] as string;
    const inPairs = departmentOf.get(c.ownerId) === 'D08';
    const withLiLei = c.id === keyAccounts.at(-1)?.id;
    const needsWangFang = c.ownerId === 'E1004' || c.ownerId === 'E1005';
    for (const [m, month] of months.entries()) {
      // Key accounts twice a month, the others once a quarter.
      const visits = c.tier === 'key' ? 2 : m % 3 === index % 3 ? 1 : 0;
      for (let v = 0; v < visits; v++) {
        const at = `${month}-${String(8 + v * 10).padStart(2, '0')}T02:00:00.000Z`;
        const participants = withLiLei
          ? ['E1003']
          : inPairs || needsWangFang
            ? [inPairs ? partner : 'E1002']
            : [];
        interactions.push({
          id: interactionId(new Date(at), hex(serial++)),
          customerId: c.id,
          employeeId: inPairs && v % 2 === 1 ? partner : c.ownerId,
          kind: v === 0 ? 'visit' : 'wecom',
          at,
          note: v === 0 ? '季度拜访 Quarterly visit' : '需求沟通 Follow-up on needs',
          participants: inPairs && v % 2 === 1 ? [c.ownerId] : participants,
          recordedBy: c.ownerId,
          recordedAt: at,
        });
      }
      // Key accounts buy every quarter, the others every half year.
      const perYear = c.tier === 'key' ? 4 : 2;
      if (m % (12 / perYear) !== 12 / perYear - 1) continue;
      const day = `${month}-25`;
      const quarterMinor = Math.round(((annualYuan.get(c.id) ?? 0) * 100) / perYear);
      const lost = (index + m) % 7 === 0;
      deals.push({
        id: `D${day.replace(/-/g, '')}090000${hex(serial++)}`,
        customerId: c.id,
        title: c.tier === 'key' ? '季度供货 Quarterly supply' : '半年供货 Half-year supply',
        amount: { amountMinor: quarterMinor, currency: 'CNY' },
        status: lost ? 'lost' : 'won',
        closedAt: day,
        closedBy: c.ownerId,
        assistedBy: needsWangFang ? ['E1002'] : withLiLei ? ['E1003'] : inPairs ? [partner] : [],
        createdBy: c.ownerId,
        createdAt: `${day}T01:00:00.000Z`,
        updatedAt: `${day}T01:00:00.000Z`,
        version: 1,
      });
    }
    // Each customer has one offer open.
    deals.push({
      id: `D20261020090000${hex(serial++)}`,
      customerId: c.id,
      title: '年度框架协议 Annual framework agreement',
      amount: { amountMinor: (annualYuan.get(c.id) ?? 0) * 100, currency: 'CNY' },
      status: 'open',
      assistedBy: [],
      createdBy: c.ownerId,
      createdAt: '2026-10-20T01:00:00.000Z',
      updatedAt: '2026-10-20T01:00:00.000Z',
      version: 1,
    });
  }
  // Spring 2026: three of Wang Fang's members, trained and given small orders of their own, each
  // close one more alone, so that six of her ten close five or more alone in the half (scenario 10).
  for (const ownerId of ['E1008', 'E1009', 'E1011']) {
    const own = customers.find((c) => c.ownerId === ownerId && c.tier === 'standard');
    if (!own) continue;
    deals.push({
      id: `D20260515090000${hex(serial++)}`,
      customerId: own.id,
      title: '小额追加订单 Small add-on order',
      amount: { amountMinor: 3_000_000, currency: 'CNY' },
      status: 'won',
      closedAt: '2026-05-15',
      closedBy: ownerId,
      assistedBy: [],
      createdBy: ownerId,
      createdAt: '2026-05-15T01:00:00.000Z',
      updatedAt: '2026-05-15T01:00:00.000Z',
      version: 1,
    });
  }
  return { deals, interactions };
}
