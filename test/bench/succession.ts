import { customerItem, interactionKeys } from '#domain/customers/index.ts';
import { departmentItem, type Employee, indexItems, profileItem } from '#domain/people/index.ts';
import { skillKeys } from '#domain/training/index.ts';
import { writeAll } from '#infra/local/demo/loadDemo.ts';
import { benchStack, countDynamodbCalls } from './localStack.ts';
import { benchEmployee } from './seeds.ts';
import { percentile, table } from './stats.ts';

/**
 * Succession: the company-wide report for 5,000 employees and 200 key positions (two per department:
 * the lead and a senior seller), each with three candidates whose readiness is computed on read from
 * their evidence, results and trainings and from the incumbent's five key accounts with twenty
 * follow-ups each; and a team's skill-gap view (50 people), p50 with its DynamoDB calls.
 */
const departments = Number(process.env.BENCH_SUCCESSION_DEPARTMENTS ?? 100);
const perDepartment = 50;
const at = '2026-11-01T00:00:00.000Z';
const lead = '销售经理 Sales Lead';
const seller = '销售 Sales';
const skill = 'key_account_followup';

const person = (id: number, departmentId: string, position: string, managerId: string) =>
  benchEmployee(id, departmentId, position, { managerId, hireDate: '2022-01-01' });

/** A department of 50, its members' evidence, and the five key accounts of each of its two incumbents. */
function department(n: number) {
  const id = `D${7000 + n}`;
  const first = 1_000_000 + n * perDepartment;
  const head = person(first, id, lead, 'E1001');
  const members = Array.from({ length: perDepartment - 1 }, (_, m) =>
    person(first + 1 + m, id, seller, head.id),
  );
  const people = [head, ...members];
  const evidence = people.map((p, k) => ({
    ...skillKeys.record(p.id),
    type: 'SkillRecord',
    employeeId: p.id,
    evidence: [
      {
        skillId: skill,
        level: 1 + (k % 3),
        source: 'exam',
        on: '2025-12-01',
        recordedBy: 'E1041',
        recordedAt: at,
      },
      {
        skillId: skill,
        level: 1 + ((k + 1) % 4),
        source: 'exam',
        on: '2026-10-01',
        recordedBy: 'E1041',
        recordedAt: at,
      },
    ],
    version: 1,
  }));
  const incumbents = [head, members[0] as Employee];
  const customers = incumbents
    .flatMap((owner, o) =>
      Array.from({ length: 5 }, (_, c) => {
        const customerId = `C${String(first * 10 + o * 5 + c).padStart(8, '0')}`;
        const interactions = Array.from({ length: 20 }, (_, i) => {
          const when = new Date(Date.UTC(2026, 0, 1) + (i * 15 + c) * 86_400_000).toISOString();
          return {
            ...interactionKeys.item({
              customerId,
              at: when,
              id: `I${when.slice(0, 19).replace(/[-:T]/g, '')}${(o * 100 + c * 20 + i).toString(16).padStart(8, '0')}`,
            }),
            type: 'Interaction',
            id: `I${when.slice(0, 19).replace(/[-:T]/g, '')}${(o * 100 + c * 20 + i).toString(16).padStart(8, '0')}`,
            customerId,
            employeeId: owner.id,
            kind: 'visit',
            at: when,
            note: 'Follow-up',
            // Every other follow-up with one of the candidates.
            participants: i % 2 === 0 ? [`E${first + 2 + o * 3 + (i % 3)}`] : [],
            recordedBy: owner.id,
            recordedAt: when,
          };
        });
        return [
          customerItem({
            id: customerId,
            name: `客户${customerId}`,
            industry: 'retail',
            region: '华东 East China',
            tier: 'key',
            ownerId: owner.id,
            contacts: [],
            preferences: '',
            followUps: [],
            tags: [],
            version: 1,
            createdAt: at,
            updatedAt: at,
          }),
          ...interactions,
        ];
      }),
    )
    .flat();
  return {
    id,
    incumbents: incumbents.map((p, o) => ({
      id: p.id,
      position: p.position,
      candidates: [0, 1, 2].map((c) => `E${first + 2 + o * 3 + c}`),
    })),
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
      ...people.flatMap((p) => [
        profileItem({
          ...p,
          version: 1,
          createdAt: at,
          updatedAt: at,
          directReports: p === head ? members.length : 0,
        }),
        ...indexItems(p),
      ]),
      ...evidence,
      ...customers,
    ],
  };
}

export async function successionReport(): Promise<string> {
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
      const text = await r.text();
      if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${text}`);
      return { body: JSON.parse(text) as Record<string, unknown>, bytes: text.length };
    };

    const seeding = performance.now();
    const seeded: ReturnType<typeof department>[] = [];
    for (let n = 0; n < departments; n++) {
      const d = department(n);
      await writeAll(dynamo, tableName, d.items);
      seeded.push(d);
    }
    const name = (en: string) => ({ 'zh-CN': en, en });
    await call('POST', '/v1/skills', { id: skill, name: name('Key-account follow-up') });
    for (const position of [lead, seller])
      await fetch(`${stack.runtime.url}/v1/positions/${encodeURIComponent(position)}/skills`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${hr}`, 'content-type': 'application/json', 'if-match': '"v0"' },
        body: JSON.stringify({ requirements: [{ skillId: skill, level: 3 }] }),
      });
    let keyPositions = 0;
    for (const d of seeded)
      for (const incumbent of d.incumbents) {
        const kp = await call('POST', '/v1/key-positions', {
          position: incumbent.position,
          departmentId: d.id,
          incumbentId: incumbent.id,
          criteria: { minimumScore: 0, requiredTrainings: [], sharedKeyAccounts: 3, monthsInRole: 12 },
        });
        keyPositions++;
        for (const candidate of incumbent.candidates)
          await call('POST', `/v1/key-positions/${kp.body.id}/candidates`, { employeeId: candidate });
      }
    const seedSeconds = (performance.now() - seeding) / 1000;

    calls.reset();
    const started = performance.now();
    const report = await call('GET', '/v1/succession/report');
    const reportMs = performance.now() - started;
    const reportCalls = calls.describe(1);
    const coverage = report.body.coverage as Record<string, number>;
    const startedHtml = performance.now();
    const page = await fetch(`${stack.runtime.url}/v1/succession/report?format=html`, {
      headers: { authorization: `Bearer ${hr}` },
    });
    const html = await page.text();
    const htmlMs = performance.now() - startedHtml;

    const gaps = () => call('GET', `/v1/departments/${seeded[0]?.id}/skill-gaps`);
    await gaps();
    calls.reset();
    const samples: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      await gaps();
      samples.push(performance.now() - t);
    }
    const gapCalls = calls.describe(20);

    const employees = departments * perDepartment;
    const rows = [
      ['measure', 'value', 'target', 'ratio to target'],
      [
        `GET /v1/succession/report: ${employees.toLocaleString('en')} employees, ${keyPositions} key positions, ${keyPositions * 3} candidates`,
        `${(reportMs / 1000).toFixed(2)} s`,
        '≤ 29 s (the API function’s timeout)',
        (reportMs / 29_000).toFixed(2),
      ],
      ['  DynamoDB calls', reportCalls, '', ''],
      [
        '  JSON size',
        `${(report.bytes / 1024).toFixed(0)} KB`,
        '≤ 6 MB (Lambda response)',
        (report.bytes / 6_291_456).toFixed(2),
      ],
      [
        '  coverage (ready now / two in sight / both)',
        `${coverage.withReadyNow} / ${coverage.withTwoSuccessors} / ${coverage.covered}`,
        '',
        '',
      ],
      [
        '  the same as a bilingual page',
        `${(htmlMs / 1000).toFixed(2)} s, ${(html.length / 1024).toFixed(0)} KB`,
        '',
        '',
      ],
      [
        `GET /v1/departments/{id}/skill-gaps p50 (${perDepartment} people)`,
        `${percentile(samples, 50).toFixed(0)} ms`,
        '',
        '',
      ],
      ['  DynamoDB calls per request', gapCalls, '', ''],
    ];
    return `${table(rows)}\n(seeding: ${seedSeconds.toFixed(1)} s)`;
  } finally {
    await stack.stop();
  }
}

if (import.meta.main) console.log(await successionReport());
