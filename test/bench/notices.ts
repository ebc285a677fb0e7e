import { feedbackItem } from '#adapters/aws/communication/index.ts';
import { feedbackTopics } from '#domain/communication/index.ts';
import { departmentItem, type Employee, indexItems, profileItem } from '#domain/people/index.ts';
import { writeAll } from '#infra/local/demo/loadDemo.ts';
import { benchStack, countDynamodbCalls } from './localStack.ts';
import { percentile, table } from './stats.ts';

/**
 * The direct line: publishing a notice to a department of 5,000 (the request: the audience resolved
 * and frozen) and its delivery (a receipt per person, each told in the app and by mail), and HR's
 * feedback summary over 10,000 anonymous items, with their DynamoDB calls.
 */
const size = Number(process.env.BENCH_NOTICE_RECIPIENTS ?? 5000);
const feedbackItems = Number(process.env.BENCH_FEEDBACK_ITEMS ?? 10_000);
const at = '2026-11-01T00:00:00.000Z';

function people(departmentId: string, count: number, firstId: number): Employee[] {
  return Array.from({ length: count }, (_, n) => ({
    id: `E${firstId + n}`,
    name: `员工${firstId + n}`,
    workEmail: `e${firstId + n}@bench.example`,
    phone: '+86 138 0000 0000',
    departmentId,
    position: '销售 Sales',
    hireDate: '2020-01-01',
    hireChannel: 'campus',
    site: '上海 Shanghai',
    timeZone: 'Asia/Shanghai',
    locale: n % 2 === 0 ? 'zh-CN' : 'en',
    keyPosition: false,
    status: 'active',
  }));
}

export async function noticesReport(): Promise<string> {
  const stack = await benchStack();
  try {
    const { dynamo } = stack.runtime.clients;
    const calls = await countDynamodbCalls();
    const hr = await stack.tokenFor('E1041');
    const staff = people('D700', size, 900_000);
    const seeding = performance.now();
    await writeAll(dynamo, stack.runtime.names.tables.hr, [
      departmentItem({
        id: 'D700',
        name: '基准部',
        nameEn: 'Bench',
        version: 1,
        createdAt: at,
        updatedAt: at,
      }),
      ...staff.flatMap((p) => [
        profileItem({ ...p, version: 1, createdAt: at, updatedAt: at, directReports: 0 }),
        ...indexItems(p),
      ]),
    ]);
    const seeded = (performance.now() - seeding) / 1000;

    calls.reset();
    const publishing = performance.now();
    const response = await fetch(`${stack.runtime.url}/v1/notices`, {
      method: 'POST',
      headers: { authorization: `Bearer ${hr}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        title: { 'zh-CN': '薪酬结构调整', en: 'New salary structure' },
        body: { 'zh-CN': '详见附件。', en: 'See the attachment.' },
        audience: { departments: [{ id: 'D700' }] },
        requiresAcknowledgement: true,
      }),
    });
    const published = (await response.json()) as { id: string; recipients: number };
    if (response.status !== 201) throw new Error(`${response.status} ${JSON.stringify(published)}`);
    const publishMs = performance.now() - publishing;
    const publishCalls = calls.describe(1);

    calls.reset();
    const delivering = performance.now();
    await stack.runtime.catchUp();
    const deliverSeconds = (performance.now() - delivering) / 1000;
    const deliverCalls = calls.describe(1);
    const check = await fetch(`${stack.runtime.url}/v1/notices/${published.id}`, {
      headers: { authorization: `Bearer ${hr}` },
    });
    const { delivery } = (await check.json()) as { delivery: { status: string; told: number } };

    // The feedback summary: 10,000 items over 30 groups and every topic, in the last 90 days.
    const feedback = Array.from({ length: feedbackItems }, (_, n) => {
      const group =
        n % 7 === 0
          ? undefined
          : { kind: 'department' as const, id: `D${700 + (n % 30)}`, name: `部门${n % 30}` };
      return feedbackItem({
        id: `F${n.toString(16).padStart(24, '0')}`,
        day: new Date(Date.UTC(2026, 7, 1) + (n % 90) * 86_400_000).toISOString().slice(0, 10),
        topic: feedbackTopics[(n * 7 + (n % 5)) % feedbackTopics.length] as (typeof feedbackTopics)[number],
        text: `反馈 ${n}：加班与工作量 Feedback ${n}: overtime and workload`,
        ...(group ? { group } : {}),
        status: 'received',
        messages: 1,
        version: 1,
      });
    });
    await writeAll(dynamo, stack.runtime.names.tables.hr, feedback);
    const summary = async () => {
      const r = await fetch(`${stack.runtime.url}/v1/feedback/summary`, {
        headers: { authorization: `Bearer ${hr}` },
      });
      const body = (await r.json()) as { total: number | null; rows: { counts: (number | null)[] }[] };
      if (r.status !== 200) throw new Error(`${r.status} ${JSON.stringify(body)}`);
      return body;
    };
    await summary();
    calls.reset();
    const samples: number[] = [];
    let last: Awaited<ReturnType<typeof summary>> | undefined;
    for (let i = 0; i < 10; i++) {
      const started = performance.now();
      last = await summary();
      samples.push(performance.now() - started);
    }
    const summaryCalls = calls.describe(10);
    const hidden = last?.rows.flatMap((r) => r.counts).filter((c) => c === null).length ?? 0;

    const rows = [
      ['measure', 'value', 'target', 'ratio to target'],
      [
        `POST /v1/notices to ${published.recipients.toLocaleString('en')} recipients (resolve, freeze)`,
        `${publishMs.toFixed(0)} ms`,
        '',
        '',
      ],
      ['  DynamoDB calls', publishCalls, '', ''],
      [
        `delivery: ${delivery.told.toLocaleString('en')} receipts and people told (${delivery.status})`,
        `${deliverSeconds.toFixed(1)} s`,
        '',
        '',
      ],
      ['  DynamoDB calls', deliverCalls, '', ''],
      ['  per recipient', `${((deliverSeconds * 1000) / published.recipients).toFixed(2)} ms`, '', ''],
      [
        `GET /v1/feedback/summary p50 (${feedbackItems.toLocaleString('en')} items, 31 groups × 8 topics)`,
        `${percentile(samples, 50).toFixed(0)} ms`,
        '',
        '',
      ],
      ['  DynamoDB calls per request', summaryCalls, '', ''],
      ['  cells hidden (under 5, or their complement)', String(hidden), '', ''],
    ];
    return `${table(rows)}\n(seeding: ${seeded.toFixed(1)} s for ${size.toLocaleString('en')} people)`;
  } finally {
    await stack.stop();
  }
}

if (import.meta.main) console.log(await noticesReport());
