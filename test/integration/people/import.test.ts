import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEvidenceLog } from '#adapters/aws/evidence/evidenceLog.ts';
import { client } from '../support/http.ts';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.ts';

let stack: TestRuntime;
let hr: string;

const surnames = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '高',
  '林',
  '欧阳',
];
const givenNames = [
  '伟',
  '芳',
  '娜',
  '秀英',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀兰',
  '霞',
];
const header =
  'id,name,workEmail,phone,departmentId,position,managerId,hireDate,hireChannel,referrerId,site,timeZone,locale,keyPosition,roles';

/** n staff in a tree: the first reports to the demo's engineering director, each next one to someone before. */
function staff(n: number, firstId = 20_000): string[] {
  return Array.from({ length: n }, (_, i) => {
    const id = `E${firstId + i}`;
    const manager = i === 0 ? 'E1020' : `E${firstId + Math.floor((i - 1) / 10)}`;
    const referred = i % 7 === 3;
    const name = `${surnames[i % surnames.length]}${givenNames[Math.floor(i / surnames.length) % givenNames.length]}`;
    return [
      id,
      `"${name}"`,
      `staff${i}@hongtu.example`,
      '+86 138 0000 0000',
      'D03',
      '"工程师, Engineer"',
      manager,
      '2024-03-01',
      referred ? 'internal_referral' : 'experienced_hire',
      referred ? 'E1002' : '',
      '上海 Shanghai',
      'Asia/Shanghai',
      'zh-CN',
      i % 50 === 0 ? 'true' : 'false',
      'employee',
    ].join(',');
  });
}

const upload = (csv: string) =>
  stack.request('/v1/employees/import', {
    method: 'POST',
    token: hr,
    headers: { 'content-type': 'text/csv' },
    body: csv,
  });

beforeAll(async () => {
  stack = await startTestRuntime();
  await stack.loadDemo();
  hr = await stack.tokenFor('E1041');
});
afterAll(() => stack.stop());

describe('CSV onboarding', () => {
  it('reports every bad row of a file with its line number, and imports nothing', async () => {
    const rows = staff(20, 30_000);
    rows[4] = rows[4]?.replace('staff4@hongtu.example', 'not-an-email') ?? '';
    rows[9] = rows[9]?.replace(',D03,', ',D99,') ?? '';
    rows[14] = rows[14]?.replace(/^E30014/, 'E30002') ?? '';
    const response = await upload(`\uFEFF${header}\r\n${rows.join('\r\n')}\r\n`);
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { code: string; detail: string; errors: { field: string }[] };
    expect(problem.code).toBe('import_invalid');
    expect(problem.errors.map((e) => e.field).sort()).toEqual([
      'line 11.departmentId',
      'line 16.id',
      'line 6.workEmail',
    ]);
    expect(problem.detail).toMatch(/^3 line/);
    const team = await client(stack).get('/v1/employees?managerId=E1020&limit=100', hr);
    expect(team.body.items?.map((e) => e.id)).not.toContain('E30000');
  });

  it('imports 5,000 people with Chinese names at once, in their reporting tree', {
    timeout: 120_000,
  }, async () => {
    const csv = `${header}\n${staff(5000).join('\n')}\n`;
    const response = await upload(csv);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ created: 5000, unchanged: 0 });

    const api = client(stack);
    const first = await api.get('/v1/employees/E20000', hr);
    expect(first.body).toMatchObject({
      name: '王伟',
      managerId: 'E1020',
      position: '工程师, Engineer',
      directReports: 10,
    });
    const last = await api.get('/v1/employees/E24999', hr);
    expect(last.body).toMatchObject({ name: '欧阳军', managerId: 'E20499' });
    const referred = await api.get('/v1/employees?referrerId=E1002&limit=100', hr);
    expect(referred.body.items?.length).toBe(100);

    // Uploading the same file again creates nothing and breaks nothing.
    const again = await upload(csv);
    expect(await again.json()).toEqual({ created: 0, unchanged: 5000 });
    expect(
      await makeEvidenceLog(stack.clients.dynamo, stack.names.tables.evidence, stack.clock).verify(),
    ).toMatchObject({
      intact: true,
    });
  });
});
