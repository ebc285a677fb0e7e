import { knowledgeItem } from '#adapters/aws/customers/index.ts';
import { activityOf, type Deal, firstKnowledge } from '#domain/customers/index.ts';
import { departmentItem, type Employee, indexItems, profileItem } from '#domain/people/index.ts';
import { writeAll } from '#infra/local/demo/loadDemo.ts';
import { benchStack, countDynamodbCalls } from './localStack.ts';
import { percentile, table } from './stats.ts';

/**
 * Key-person risk: the department view for 50 people and 2,000 customers with 100,000 deals and
 * interactions (p50 latency, DynamoDB calls per request), and the daily snapshot job for 5,000
 * employees. The records are written the way the product keeps them for these reads: people with
 * their index items and one knowledge record per customer (what every deal and interaction updates).
 */
const requests = Number(process.env.BENCH_RISK_REQUESTS ?? 30);
const at = '2026-11-01T00:00:00.000Z';
const days = Array.from({ length: 700 }, (_, n) =>
  new Date(Date.UTC(2024, 11, 1) + n * 86_400_000).toISOString().slice(0, 10),
);

/** A deterministic sequence in [0, 1). */
function sequence(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function team(departmentId: string, size: number, firstId: number) {
  const people: Employee[] = Array.from({ length: size }, (_, n) => ({
    id: `E${firstId + n}`,
    name: `员工${firstId + n}`,
    workEmail: `e${firstId + n}@bench.example`,
    phone: '+86 138 0000 0000',
    departmentId,
    position: n === 0 ? '经理 Lead' : '销售 Sales',
    ...(n === 0 ? {} : { managerId: `E${firstId}` }),
    hireDate: '2020-01-01',
    hireChannel: n > 0 && n % 3 === 0 ? 'internal_referral' : 'campus',
    ...(n > 0 && n % 3 === 0 ? { referrerId: `E${firstId + 1}` } : {}),
    site: '上海 Shanghai',
    timeZone: 'Asia/Shanghai',
    locale: 'zh-CN',
    keyPosition: false,
    status: 'active',
  }));
  return people;
}

/** Customers owned by the team's people, each with its share of the records, as knowledge records. */
function knowledgeOf(
  people: readonly { id: string }[],
  customers: number,
  records: number,
  seed: number,
  first: number,
) {
  const random = sequence(seed);
  const items: Record<string, unknown>[] = [];
  const perCustomer = Math.round(records / customers);
  for (let c = 0; c < customers; c++) {
    const owner = people[c % people.length]?.id as string;
    const helper = people[(c * 7 + 1) % people.length]?.id as string;
    const id = `C${String(first + c).padStart(9, '0')}`;
    const deals: Deal[] = [];
    const interactions: { employeeId: string; participants: string[]; at: string }[] = [];
    for (let r = 0; r < perCustomer; r++) {
      const day = days[Math.floor(random() * days.length)] as string;
      const who = random() < 0.8 ? owner : helper;
      if (r % 4 === 0)
        deals.push({
          id: `D${day.replace(/-/g, '')}000000${(c * 100 + r).toString(16).padStart(8, '0')}`,
          customerId: id,
          title: 'Supply',
          amount: { amountMinor: Math.round(random() * 1e7), currency: 'CNY' },
          status: random() < 0.7 ? 'won' : 'lost',
          closedAt: day,
          closedBy: who,
          assistedBy: random() < 0.3 ? [who === owner ? helper : owner] : [],
          createdBy: who,
          createdAt: at,
          updatedAt: at,
          version: 1,
        });
      else interactions.push({ employeeId: who, participants: [], at: `${day}T02:00:00.000Z` });
    }
    const customer = {
      id,
      name: `客户${first + c}`,
      industry: 'retail' as const,
      region: '华东',
      tier: c % 20 === 0 ? ('key' as const) : ('standard' as const),
      ownerId: owner,
      contacts: [],
      preferences: '',
      followUps: [],
      tags: [],
    };
    items.push(knowledgeItem(firstKnowledge(customer, activityOf(deals, interactions, 'Asia/Shanghai'))));
  }
  return items;
}

export async function riskReport(): Promise<string> {
  const stack = await benchStack();
  try {
    const { dynamo } = stack.runtime.clients;
    const tableName = stack.runtime.names.tables.hr;
    const calls = await countDynamodbCalls();
    const hr = await stack.tokenFor('E1041');
    const personItems = (people: ReturnType<typeof team>) =>
      people.flatMap((p) => [
        profileItem({
          ...p,
          version: 1,
          createdAt: at,
          updatedAt: at,
          directReports: p.managerId ? 0 : people.length - 1,
        }),
        ...indexItems(p),
      ]);

    // The department view: 50 people, 2,000 customers, 100,000 deals and interactions.
    const seeding = performance.now();
    const big = team('D500', 50, 700_000);
    await writeAll(dynamo, tableName, [
      departmentItem({
        id: 'D500',
        name: '基准部',
        nameEn: 'Bench',
        headId: 'E700000',
        version: 1,
        createdAt: at,
        updatedAt: at,
      }),
      ...personItems(big),
      ...knowledgeOf(big, 2000, 100_000, 1, 0),
    ]);
    const seeded = (performance.now() - seeding) / 1000;
    const view = async () => {
      const response = await fetch(`${stack.runtime.url}/v1/risk/departments/D500`, {
        headers: { authorization: `Bearer ${hr}` },
      });
      const body = await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${response.status} ${new TextDecoder().decode(body)}`);
      return body.byteLength;
    };
    for (let i = 0; i < 3; i++) await view();
    calls.reset();
    const samples: number[] = [];
    let bytes = 0;
    for (let i = 0; i < requests; i++) {
      const started = performance.now();
      bytes = await view();
      samples.push(performance.now() - started);
    }
    const perRequest = calls.describe(requests);

    // The daily snapshot: 5,000 employees in 100 departments of 50, 20,000 customers, 200,000 records.
    const departments = Array.from({ length: 100 }, (_, d) => `D${600 + d}`);
    const seedingMany = performance.now();
    for (const [d, id] of departments.entries()) {
      const people = team(id, 50, 800_000 + d * 50);
      await writeAll(dynamo, tableName, [
        departmentItem({
          id,
          name: `部门${d}`,
          headId: people[0]?.id,
          version: 1,
          createdAt: at,
          updatedAt: at,
        }),
        ...personItems(people),
        ...knowledgeOf(people, 200, 2000, d + 2, 1_000_000 + d * 200),
      ]);
    }
    const seededMany = (performance.now() - seedingMany) / 1000;
    stack.clock.set('2026-11-03T01:00:00.000Z');
    calls.reset();
    const jobStarted = performance.now();
    const result = (await stack.runtime.functions.invoke('RiskSnapshots', {
      id: 'bench-daily',
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      time: '2026-11-03T01:00:00Z',
      detail: {},
    })) as { departments: number; written: number };
    const jobSeconds = (performance.now() - jobStarted) / 1000;
    const jobCalls = calls.describe(1);

    const rows = [
      ['measure', 'value', 'target', 'ratio to target'],
      [
        'GET /v1/risk/departments/{id} p50 (50 people, 2,000 customers, 100,000 records)',
        `${percentile(samples, 50).toFixed(0)} ms`,
        '≤ 300 ms',
        (percentile(samples, 50) / 300).toFixed(2),
      ],
      ['  p99', `${percentile(samples, 99).toFixed(0)} ms`, '', ''],
      ['  DynamoDB calls per request', perRequest, 'no Scan', perRequest.includes('Scan') ? 'SCAN' : 'ok'],
      ['  response size', `${(bytes / 1024).toFixed(0)} KB`, '', ''],
      [
        `daily snapshot job: ${result.departments} departments, 5,000 employees, 20,000 customers`,
        `${jobSeconds.toFixed(1)} s`,
        '≤ 300 s',
        (jobSeconds / 300).toFixed(2),
      ],
      ['  snapshots written', String(result.written), '', ''],
      ['  DynamoDB calls', jobCalls, '', ''],
    ];
    return `${table(rows)}\n(seeding: ${seeded.toFixed(1)} s for the department, ${seededMany.toFixed(1)} s for the company)`;
  } finally {
    await stack.stop();
  }
}

if (import.meta.main) console.log(await riskReport());
