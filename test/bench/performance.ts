import { makeReviewCycleStore } from '#adapters/aws/performance/cycleStore.ts';
import { makeHrTable } from '#adapters/aws/platform/hrTable.ts';
import { dealItem } from '#domain/customers/index.ts';
import { accountItem, departmentItem, indexItems, profileItem } from '#domain/people/index.ts';
import { writeAll } from '#infra/local/demo/loadDemo.ts';
import { benchStack, countDynamodbCalls } from './localStack.ts';
import { benchEmployee } from './seeds.ts';
import { percentile, table } from './stats.ts';

/**
 * Performance: a review cycle computed for 5,000 employees over 500,000 deals — the whole run as the
 * ReviewComputation workflow makes it (plan, a Map over 100 departments, finish), with its DynamoDB
 * calls and the process's peak memory; a department's task run again (what a retry or a redrive does);
 * and one employee's score view, which computes their released result again from today's records.
 */
const departments = Number(process.env.BENCH_REVIEW_DEPARTMENTS ?? 100);
const perDepartment = 50;
const dealsPerPerson = Number(process.env.BENCH_REVIEW_DEALS_PER_PERSON ?? 100);
const at = '2026-11-01T00:00:00.000Z';

const person = (id: number, departmentId: string, managerId?: string) =>
  benchEmployee(id, departmentId, managerId === 'E1001' ? '销售经理 Sales Lead' : '销售 Sales', {
    ...(managerId ? { managerId } : {}),
  });

/** A department: a lead under the sales director and 49 members, each with a year of deals. */
function department(n: number) {
  const id = `D${7000 + n}`;
  const first = 1_000_000 + n * perDepartment;
  const lead = person(first, id, 'E1001');
  const members = Array.from({ length: perDepartment - 1 }, (_, m) => person(first + 1 + m, id, lead.id));
  const deals = [lead, ...members].flatMap((p, k) =>
    Array.from({ length: dealsPerPerson }, (_, d) => {
      const day = new Date(Date.UTC(2025, 9, 1) + ((d * 3 + k) % 365) * 86_400_000)
        .toISOString()
        .slice(0, 10);
      return dealItem({
        id: `D${day.replace(/-/g, '')}000000${(first + k).toString(16).slice(-4)}${d.toString(16).padStart(4, '0')}`,
        customerId: `C${String(first + k).padStart(7, '0')}`,
        title: 'Supply',
        amount: { amountMinor: 100_000 + d, currency: 'CNY' },
        status: d % 5 === 0 ? 'lost' : 'won',
        closedAt: day,
        closedBy: p.id,
        // Every third deal with the lead's help, every seventh with a peer's.
        assistedBy:
          p === lead ? [] : d % 3 === 0 ? [lead.id] : d % 7 === 0 ? [`E${first + 1 + ((k + 1) % 49)}`] : [],
        createdBy: 'bench',
        createdAt: at,
        updatedAt: at,
        version: 1,
      });
    }),
  );
  return {
    items: [
      departmentItem({
        id,
        name: `销售${n}组`,
        nameEn: `Sales ${n}`,
        parentId: 'D02',
        version: 1,
        createdAt: at,
        updatedAt: at,
      }),
      ...[lead, ...members].flatMap((p) => [
        profileItem({
          ...p,
          version: 1,
          createdAt: at,
          updatedAt: at,
          directReports: p === lead ? members.length : 0,
        }),
        ...indexItems(p),
      ]),
    ],
    deals,
    id,
  };
}

export async function performanceReport(): Promise<string> {
  const stack = await benchStack();
  try {
    const { dynamo } = stack.runtime.clients;
    const tableName = stack.runtime.names.tables.hr;
    const calls = await countDynamodbCalls();
    const hr = await stack.tokenFor('E1041');
    const call = async (method: string, path: string, body?: unknown) => {
      const r = await fetch(`${stack.runtime.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${hr}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      const answer = (await r.json()) as Record<string, unknown>;
      if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(answer)}`);
      return answer;
    };

    const seeding = performance.now();
    const ids: string[] = [];
    let dealCount = 0;
    for (let n = 0; n < departments; n++) {
      const d = department(n);
      await writeAll(dynamo, tableName, [...d.items, ...d.deals]);
      dealCount += d.deals.length;
      ids.push(d.id);
    }
    const seeded = (performance.now() - seeding) / 1000;
    const employees = departments * perDepartment;

    const name = (en: string) => ({ 'zh-CN': en, en });
    const alone = await call('POST', '/v1/kpis', {
      name: name('Deals closed alone, last 12 months'),
      source: { kind: 'deals_closed_alone' },
      baseline: 0,
      target: 60,
      windowDays: 365,
    });
    const team = await call('POST', '/v1/kpis', {
      name: name('Members closing 20 alone'),
      source: { kind: 'team_closing_alone', minDeals: 20 },
      baseline: 0.3,
      target: 0.6,
    });
    const template = await call('POST', '/v1/review-templates', {
      name: name('Bench'),
      kpis: [
        { kpiId: alone.id, weight: 60 },
        { kpiId: team.id, weight: 40 },
      ],
    });
    const opening = performance.now();
    const cycle = await call('POST', '/v1/review-cycles', {
      name: name('Bench Q3'),
      period: { start: '2026-07-01', end: '2026-09-30' },
      templateIds: [template.id],
      participants: { departments: ids.map((id) => ({ id, includeSubdepartments: false })) },
      ratingsDue: { self: '2026-11-20', peer: '2026-11-20', manager: '2026-11-20' },
    });
    const openMs = performance.now() - opening;

    calls.reset();
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 100);
    const before = process.memoryUsage().rss;
    const computing = performance.now();
    await call('POST', `/v1/review-cycles/${cycle.id}/computation`);
    await stack.runtime.catchUp();
    const computeSeconds = (performance.now() - computing) / 1000;
    clearInterval(sampler);
    const computeCalls = calls.describe(1);
    const computed = await call('GET', `/v1/review-cycles/${cycle.id}`);
    if (computed.status !== 'computed') throw new Error(`The cycle is ${String(computed.status)}`);

    // A run that stopped part way (as a crash leaves it: run 2 computing): one department's task, then
    // the same task again — what a retry or a redriven execution does — then the run's finish.
    const cycles = makeReviewCycleStore(makeHrTable(dynamo, tableName));
    const stored = await cycles.get(String(cycle.id));
    if (!stored?.computation) throw new Error('No computation');
    await cycles.update(stored, {
      ...stored,
      status: 'computing',
      computation: { ...stored.computation, run: 2 },
      version: stored.version + 1,
    });
    const task = { action: 'compute', cycleId: cycle.id, run: 2, departmentId: ids[0] };
    calls.reset();
    const once = performance.now();
    const first = (await stack.runtime.functions.invoke('ReviewComputation', task)) as { computed: number };
    const departmentMs = performance.now() - once;
    const departmentCalls = calls.describe(1);
    calls.reset();
    const again = performance.now();
    const retried = (await stack.runtime.functions.invoke('ReviewComputation', task)) as { skipped?: string };
    const retryMs = performance.now() - again;
    const retryCalls = calls.describe(1);
    await stack.runtime.functions.invoke('ReviewComputation', {
      action: 'finish',
      cycleId: cycle.id,
      run: 2,
    });

    await call('POST', `/v1/review-cycles/${cycle.id}/release`);
    const member = `E${1_000_000 + 1}`;
    await writeAll(dynamo, tableName, [
      accountItem({ employeeId: member, status: 'enabled', roles: ['employee'] }, { at, version: 1 }),
    ]);
    const memberToken = await stack.runtime.identityProvider.issue({
      employeeId: member,
      groups: ['employee'],
      ttlSeconds: 3600,
    });
    const scores = async () => {
      const r = await fetch(`${stack.runtime.url}/v1/employees/${member}/scores`, {
        headers: { authorization: `Bearer ${memberToken}` },
      });
      const body = (await r.json()) as { items: { recomputed?: { same: boolean } }[] };
      if (r.status !== 200) throw new Error(`${r.status} ${JSON.stringify(body)}`);
      return body;
    };
    await scores();
    calls.reset();
    const samples: number[] = [];
    let same = false;
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      same = (await scores()).items[0]?.recomputed?.same ?? false;
      samples.push(performance.now() - started);
    }
    const scoreCalls = calls.describe(20);

    const rows = [
      ['measure', 'value', 'target', 'ratio to target'],
      [
        `POST /v1/review-cycles for ${employees.toLocaleString('en')} participants (frozen)`,
        `${openMs.toFixed(0)} ms`,
        '',
        '',
      ],
      [
        `computation: ${employees.toLocaleString('en')} employees, ${dealCount.toLocaleString('en')} deals, ${departments} departments`,
        `${computeSeconds.toFixed(1)} s`,
        '≤ 600 s',
        (computeSeconds / 600).toFixed(2),
      ],
      ['  DynamoDB calls', computeCalls, '', ''],
      ['  per employee', `${((computeSeconds * 1000) / employees).toFixed(1)} ms`, '', ''],
      [
        '  peak RSS of the process (its growth)',
        `${(peak / 2 ** 20).toFixed(0)} MB (+${((peak - before) / 2 ** 20).toFixed(0)} MB)`,
        '',
        '',
      ],
      [`one department's task (${first.computed} employees)`, `${departmentMs.toFixed(0)} ms`, '', ''],
      ['  DynamoDB calls', departmentCalls, '', ''],
      [`the same task again (${retried.skipped ?? 'not skipped'})`, `${retryMs.toFixed(0)} ms`, '', ''],
      ['  DynamoDB calls', retryCalls, '', ''],
      [
        `GET /v1/employees/{id}/scores p50 (recomputed, same: ${same})`,
        `${percentile(samples, 50).toFixed(0)} ms`,
        '',
        '',
      ],
      ['  DynamoDB calls per request', scoreCalls, '', ''],
    ];
    return `${table(rows)}\n(seeding: ${seeded.toFixed(1)} s for ${employees.toLocaleString('en')} people and ${dealCount.toLocaleString('en')} deals)`;
  } finally {
    await stack.stop();
  }
}

if (import.meta.main) console.log(await performanceReport());
