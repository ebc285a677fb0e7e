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

type Job = {
  id: string;
  status: string;
  rows?: number;
  rowsDone: number;
  rowsFailed: number;
  created: number;
  unchanged: number;
  issues: { line: number; column: string; message: string }[];
  errorReport?: string;
  error?: string;
};

/** Sends a file as HR; the job runs in the background (the local bus delivers when the test catches up). */
const send = async (csv: string, query = '') => {
  const response = await stack.request(`/v1/employees/imports${query}`, {
    method: 'POST',
    token: hr,
    headers: { 'content-type': 'text/csv' },
    body: csv,
  });
  return {
    status: response.status,
    location: response.headers.get('location'),
    job: (await response.json()) as Job,
  };
};
const jobOf = async (id: string) =>
  (await client(stack).get(`/v1/employees/imports/${id}`, hr)).body as unknown as Job;
/** Sends a file and lets its job run to its end. */
const imported = async (csv: string, query = '') => {
  const sent = await send(csv, query);
  await stack.catchUp();
  return { ...sent, job: await jobOf(sent.job.id) };
};

/**
 * Makes the first DynamoDB call of `command` whose input holds every one of `fragments` fail once, as a
 * crash in the middle of a run would.
 */
async function failOnce(command: string, ...fragments: string[]) {
  const { dynamodbClient } = await import('#adapters/aws/platform/dynamodb.ts');
  const name = `failOnce${Math.random()}`;
  dynamodbClient.middlewareStack.add(
    (next, context) => async (args) => {
      const input = JSON.stringify((args as { input?: unknown }).input ?? {});
      if (context.commandName === command && fragments.every((f) => input.includes(f))) {
        dynamodbClient.middlewareStack.remove(name);
        throw new Error('Connection reset in the middle of the import');
      }
      return next(args);
    },
    { step: 'initialize', name },
  );
}

beforeAll(async () => {
  stack = await startTestRuntime();
  await stack.loadDemo();
  hr = await stack.tokenFor('E1041');
});
afterAll(() => stack.stop());

describe('CSV onboarding as a job', () => {
  it('reports every bad row of a file with its line and column, in the job and its error report, and imports nothing', async () => {
    const rows = staff(20, 30_000);
    rows[4] = rows[4]?.replace('staff4@hongtu.example', 'not-an-email') ?? '';
    rows[9] = rows[9]?.replace(',D03,', ',D99,') ?? '';
    rows[14] = rows[14]?.replace(/^E30014/, 'E30002') ?? '';
    const sent = await send(`\uFEFF${header}\r\n${rows.join('\r\n')}\r\n`);
    expect(sent.status).toBe(202);
    expect(sent.job.status).toBe('queued');
    expect(sent.location).toBe(`/v1/employees/imports/${sent.job.id}`);
    await stack.catchUp();
    const job = await jobOf(sent.job.id);
    expect(job).toMatchObject({ status: 'refused', rows: 20, rowsFailed: 3, rowsDone: 0, created: 0 });
    expect(job.issues.map((i) => `${i.line}.${i.column}`).sort()).toEqual([
      '11.departmentId',
      '16.id',
      '6.workEmail',
    ]);
    const report = await (await fetch(job.errorReport as string)).text();
    expect(report.split('\r\n')[0]).toBe('line,column,message');
    expect(report).toContain('11,departmentId,No department D99');
    const team = await client(stack).get('/v1/employees?managerId=E1020&limit=100', hr);
    expect(team.body.items?.map((e) => e.id)).not.toContain('E30000');
    const inbox = await client(stack).get('/v1/me/notifications?limit=100', hr);
    expect(JSON.stringify(inbox.body)).toContain(sent.job.id);
  });

  it('checks a file without writing it on a dry run', async () => {
    const csv = `${header}\n${staff(30, 31_000).join('\n')}\n`;
    const dry = await imported(csv, '?dryRun=true');
    expect(dry.job).toMatchObject({ status: 'validated', rows: 30, rowsFailed: 0, created: 0 });
    expect((await client(stack).get('/v1/employees/E31000', hr)).status).toBe(404);
  });

  it('imports 5,000 people with Chinese names, in their reporting tree; the same file again is the same job', {
    timeout: 120_000,
  }, async () => {
    const csv = `${header}\n${staff(5000).join('\n')}\n`;
    const { job } = await imported(csv);
    expect(job).toMatchObject({
      status: 'completed',
      rows: 5000,
      rowsDone: 5000,
      created: 5000,
      unchanged: 0,
    });

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

    // Sending the same file again answers its job and writes nothing.
    const again = await send(csv);
    expect(again.status).toBe(200);
    expect(again.job).toMatchObject({ id: job.id, status: 'completed' });
    // A file that repeats some of them: those are unchanged, the new ones created.
    const overlap = await imported(`${header}\n${[...staff(10), ...staff(5, 32_000)].join('\n')}\n`);
    expect(overlap.job).toMatchObject({ status: 'completed', created: 5, unchanged: 10 });
    const evidence = await api.get(`/v1/evidence?subject=import:${job.id}`, hr);
    expect(evidence.body.items?.[0]).toMatchObject({
      action: 'employees.imported',
      details: { created: 5000 },
    });
    expect(
      await makeEvidenceLog(stack.clients.dynamo, stack.names.tables.evidence, stack.clock).verify(),
    ).toMatchObject({ intact: true });
  });

  it('fails visibly when a run breaks in the middle, and the same file sent again continues where it stopped', {
    timeout: 180_000,
  }, async () => {
    // 2,600 people: 26 chunks of 100, on two stored pages of the plan (20 chunks a page).
    const csv = `${header}\n${staff(2600, 33_000).join('\n')}\n`;
    const api = client(stack);
    const reportsOf = async (id: string) =>
      ((await api.get(`/v1/employees/${id}`, hr)).body as { directReports: number }).directReports;
    const before = await reportsOf('E1020');

    // The first run breaks after the first chunk's people are written, as its record (and the count
    // of E1020, the manager already stored) is committed.
    await failOnce('TransactWriteItemsCommand', 'CHUNK#000000');
    const first = await imported(csv);
    expect(first.job.status).toBe('failed');
    expect(first.job.error).toContain('Connection reset');
    expect(first.job.rowsDone).toBeLessThan(2600);

    // The second breaks on the second page, halfway through a chunk's profiles.
    await failOnce('BatchWriteItemCommand', 'EMP#E35500', 'PROFILE');
    const second = await send(csv);
    expect(second.status).toBe(200);
    await stack.catchUp();
    const broken = await jobOf(second.job.id);
    expect(broken).toMatchObject({ status: 'failed', error: expect.stringContaining('Connection reset') });
    expect((await api.get('/v1/employees/E33000', hr)).status).toBe(200);
    expect((await api.get('/v1/employees/E35500', hr)).status).toBe(404);

    const third = await send(csv);
    expect(third.status).toBe(200);
    await stack.catchUp();
    const job = await jobOf(third.job.id);
    expect(job).toMatchObject({ status: 'completed', rowsDone: 2600, created: 2600 });
    expect(job.error).toBeUndefined();
    expect((await api.get('/v1/employees/E35599', hr)).body).toMatchObject({ managerId: 'E33259' });
    // Nobody was written twice, nor counted twice: each manager counts exactly the reports the file gives them.
    expect(await reportsOf('E33000')).toBe(10);
    expect(await reportsOf('E1020')).toBe(before + 1);
    const team = await api.get('/v1/employees?managerId=E33259&limit=100', hr);
    expect(team.body.items?.map((e) => e.id)).toContain('E35599');
    // Each has the account that was written with them, the ones of the broken chunk too.
    for (const id of ['E33001', 'E35510', 'E35590'])
      expect((await api.get(`/v1/employees/${id}/permissions`, hr)).body).toMatchObject({
        status: 'enabled',
        roles: ['employee'],
      });
  });

  it('does not overwrite someone created while the import runs: the job stops and names them', {
    timeout: 60_000,
  }, async () => {
    const csv = `${header}\n${staff(150, 37_000).join('\n')}\n`;
    // HR creates E37120 by hand between the check of the file and the writing of its chunk.
    const { dynamodbClient } = await import('#adapters/aws/platform/dynamodb.ts');
    const name = 'createMeanwhile';
    dynamodbClient.middlewareStack.add(
      (next, context) => async (args) => {
        const input = JSON.stringify((args as { input?: unknown }).input ?? {});
        if (
          context.commandName === 'BatchGetItemCommand' &&
          input.includes('ConsistentRead') &&
          input.includes('EMP#E37120')
        ) {
          dynamodbClient.middlewareStack.remove(name);
          const created = await api.post('/v1/employees', hr, {
            id: 'E37120',
            name: '手工建',
            workEmail: 'hand37120@hongtu.example',
            phone: '+86 139 0000 0000',
            departmentId: 'D03',
            position: 'Engineer',
            managerId: 'E1020',
            hireDate: '2024-03-01',
            hireChannel: 'experienced_hire',
            site: 'Shanghai',
            timeZone: 'Asia/Shanghai',
          });
          expect(created.status).toBe(201);
        }
        return next(args);
      },
      { step: 'initialize', name },
    );
    const api = client(stack);
    const { job } = await imported(csv);
    expect(job.status).toBe('failed');
    expect(job.error).toContain('E37120');
    expect((await api.get('/v1/employees/E37120', hr)).body).toMatchObject({ name: '手工建' });
  });
});
