import { type ChildProcess, execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClients } from '#infra/local/clients.ts';
import { claimPort } from '#infra/local/emulators/ports.ts';
import { client, readWholeCase } from '../support/http.ts';
import { ownPlace, startStack } from '../support/npmStart.ts';
import { requestTo } from '../support/testRuntime.ts';

/** `npm start` as a user runs it: a separate process, its own emulators, data in a folder. */
let dataDir: string;
let ports: { api: number; dynamodb: number; s3: number; wecom: number };
let running: ChildProcess | undefined;
/** The stack the first test restarted, still running for the second. */
let restarted: ChildProcess | undefined;

function start(
  extra: string[] = [],
): Promise<{ process: ChildProcess; output: string; printed: () => string }> {
  const { child, ready, printed } = startStack([...ownPlace(dataDir, ports), ...extra]);
  running = child;
  return ready.then((output) => ({ process: child, output, printed }));
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGINT');
  });
}

const api = () => `http://127.0.0.1:${ports.api}`;
const tokenOf = async (id: string) =>
  (
    await promisify(execFile)(process.execPath, ['infra/local/token.ts', '--as', id, '--data-dir', dataDir])
  ).stdout.trim();
/** The running stack's own time moves by itself: wait for what its background work brings about. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let i = 0; i < 100 && !done(value); i++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    value = await read();
  }
  return value;
}
/** Every item of every table the running stack keeps, in key order, to compare one start with the next. */
async function everyItem(): Promise<Record<string, unknown[]>> {
  const running = JSON.parse(readFileSync(join(dataDir, 'runtime.json'), 'utf8')) as {
    dynamodb: string;
    s3: string;
    names: { tables: Record<string, string>; schedulesTable: string; usersTable: string };
  };
  const { dynamo } = localClients({ dynamodb: running.dynamodb, s3: running.s3 });
  const { tables, schedulesTable, usersTable } = running.names;
  const snapshot: Record<string, unknown[]> = {};
  for (const table of [...Object.values(tables), schedulesTable, usersTable]) {
    const items: Record<string, unknown>[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await dynamo.send(new ScanCommand({ TableName: table, ExclusiveStartKey }));
      items.push(...(page.Items ?? []));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    snapshot[table] = items.map((item) => JSON.stringify(item, Object.keys(item).sort())).sort();
  }
  return snapshot;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'hr-start-'));
  ports = {
    api: await claimPort(0, 'api', 'PORT'),
    dynamodb: await claimPort(0, 'ddb', 'x'),
    s3: await claimPort(0, 's3', 'x'),
    wecom: await claimPort(0, 'wecom', 'x'),
  };
});
afterAll(() => {
  running?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start -- --demo', () => {
  it('serves the API with a demo company, prints working tokens, stops on Ctrl-C and keeps the data', async () => {
    const first = await start(['--demo']);
    expect(first.output).toMatch(/Demo company 宏图贸易 loaded: 8 departments, 47 employees, 125 customers/);
    // The reviews, the key-account course and the succession of Wang Fang's position come with it.
    expect(first.output).toMatch(/Training and succession: the key-account course and its effect/);
    const token = /E1002 {2}.*\n {4}(\S+)/.exec(first.output)?.[1] ?? '';
    const api = `http://127.0.0.1:${ports.api}`;

    expect(await (await fetch(`${api}/health`)).json()).toEqual({ status: 'ok' });
    const me = await fetch(`${api}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(await me.json()).toMatchObject({ employeeId: 'E1002', roles: ['employee', 'manager'] });

    const printed = await promisify(execFile)(process.execPath, [
      'infra/local/token.ts',
      '--as',
      'E1040',
      '--data-dir',
      dataDir,
    ]);
    const hr = await fetch(`${api}/v1/me`, { headers: { authorization: `Bearer ${printed.stdout.trim()}` } });
    expect(await hr.json()).toMatchObject({
      employeeId: 'E1040',
      roles: ['employee', 'manager', 'hr_admin'],
    });

    // HR's notice reaches Li Lei as a WeCom card in the fake; his press of its button acknowledges it.
    const notice = await fetch(`${api}/v1/notices`, {
      method: 'POST',
      headers: { authorization: `Bearer ${printed.stdout.trim()}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        title: { 'zh-CN': '安全守则', en: 'Safety rules' },
        body: { 'zh-CN': '请阅读并确认。', en: 'Please read and acknowledge.' },
        audience: { employeeIds: ['E1003'] },
        requiresAcknowledgement: true,
      }),
    });
    expect(notice.status).toBe(201);
    const wecom = `http://127.0.0.1:${ports.wecom}`;
    const cards = await eventually(
      async () =>
        ((await (await fetch(`${wecom}/_fake/messages?user=lilei`)).json()) as { items: { msgid: string }[] })
          .items,
      (items) => items.length > 0,
    );
    expect(first.printed()).toMatch(/WeCom → lilei: .*安全守则/);
    const pressed = await fetch(`${wecom}/_fake/messages/${cards[0]?.msgid}/press?user=lilei`, {
      method: 'POST',
    });
    expect(await pressed.json()).toEqual({ callback: { status: 200, text: 'success' } });
    const { id } = (await notice.json()) as { id: string };
    const read = await fetch(`${api}/v1/notices/${id}`, {
      headers: { authorization: `Bearer ${await tokenOf('E1003')}` },
    });
    expect(((await read.json()) as { receipt: unknown }).receipt).toMatchObject({ acknowledged: true });

    expect(await stop(first.process)).toBe(0);

    const second = await start();
    expect(second.output).not.toMatch(/Demo company/);
    const again = await fetch(`${api}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ employeeId: 'E1002' });
    // Left running: the next test goes on with this stack rather than starting one more.
    restarted = second.process;
  });

  it('resumes an open handover after a restart: a new execution takes the case over', async () => {
    const first = restarted ? { process: restarted } : await start();
    const api = `http://127.0.0.1:${ports.api}`;
    const [employee, hr] = [await tokenOf('E1014'), await tokenOf('E1041')];
    // npm run token finds the stack started with --data-dir without being told where it is.
    const found = (
      await promisify(execFile)(process.execPath, ['infra/local/token.ts', '--as', 'E1041'], {
        env: { ...process.env, HR_DATA_DIR: '' },
      })
    ).stdout.trim();
    const me = await fetch(`${api}/v1/me`, { headers: { authorization: `Bearer ${found}` } });
    expect(((await me.json()) as { employeeId: string }).employeeId).toBe('E1041');
    const lastWorkingDay = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    const submitted = await fetch(`${api}/v1/employees/E1014/resignation`, {
      method: 'POST',
      headers: { authorization: `Bearer ${employee}`, 'content-type': 'application/json' },
      body: JSON.stringify({ lastWorkingDay, reason: 'Moving cities' }),
    });
    expect(submitted.status).toBe(201);
    const caseId = ((await submitted.json()) as { id: string }).id;
    // The workflow opens the case in the background (the local bus and interpreter run in the process).
    let opened = 0;
    for (let i = 0; i < 50 && opened !== 200; i++) {
      opened = (
        await fetch(`${api}/v1/offboarding/${caseId}`, { headers: { authorization: `Bearer ${hr}` } })
      ).status;
      if (opened !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(opened).toBe(200);
    expect(await stop(first.process)).toBe(0);

    const second = await start();
    expect(second.output).toContain(`1 open handover case(s) resumed: ${caseId}`);
    const resumed = await fetch(`${api}/v1/evidence?subject=employee:E1014&action=offboarding.resumed`, {
      headers: { authorization: `Bearer ${await tokenOf('E1040')}` },
    });
    let entries = ((await resumed.json()) as { items: unknown[] }).items;
    for (let i = 0; i < 50 && entries.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const again = await fetch(`${api}/v1/evidence?subject=employee:E1014&action=offboarding.resumed`, {
        headers: { authorization: `Bearer ${await tokenOf('E1040')}` },
      });
      entries = ((await again.json()) as { items: unknown[] }).items;
    }
    expect(entries).toHaveLength(1);
    expect(await stop(second.process)).toBe(0);
  });

  it('leaves the data as it is when restarted with --demo, twice; --demo --reset starts over', async () => {
    const first = await start();
    const http = client({ request: requestTo(api()) });
    const token: Record<string, string> = {};
    for (const id of ['E1013', 'E1014', 'E1015', 'E1040', 'E1050']) token[id] = await tokenOf(id);
    // E1014's handover, opened by the test before, is finished: her manager names E1015 successor,
    // who accepts her customers; her report is approved and her assets are returned.
    const { body: resignation } = await http.get('/v1/employees/E1014/resignation', token.E1013 as string);
    const caseId = String(resignation.id);
    expect(
      (
        await http.change('/v1/employees/E1014/resignation', token.E1013 as string, {
          successorIds: ['E1015'],
          reason: 'E1015 knows her accounts',
        })
      ).status,
    ).toBe(200);
    type Case = {
      status: string;
      items: {
        customers: { id: string; sha256: string; successorId: string }[];
        workReport: { version: number };
        assets: { id: string }[];
      };
    };
    const readCase = async () =>
      (await readWholeCase(http, caseId, token.E1040 as string)) as unknown as Case;
    const named = await eventually(readCase, (c) =>
      c.items.customers.every((i) => i.successorId === 'E1015'),
    );
    const accepted = await http.post(`/v1/offboarding/${caseId}/customers/accept`, token.E1015 as string, {
      items: named.items.customers.map((i) => ({ customerId: i.id, sha256: i.sha256 })),
    });
    expect(accepted.status).toBe(200);
    const entry = [{ title: '无 None', details: '—' }];
    const sections = {
      openProjects: entry,
      pendingTasks: entry,
      documentLocations: entry,
      accountsToHandOver: entry,
    };
    const report = `/v1/offboarding/${caseId}/work-report`;
    expect(
      (await http.put(report, token.E1014 as string, { sections }, `"v${named.items.workReport.version}"`))
        .status,
    ).toBe(200);
    expect((await http.post(`${report}/submit`, token.E1014 as string, undefined)).status).toBe(200);
    expect((await http.post(`${report}/approve`, token.E1013 as string, {})).status).toBe(200);
    for (const asset of named.items.assets)
      expect(
        (
          await http.post(`/v1/offboarding/${caseId}/assets/${asset.id}/confirm`, token.E1050 as string, {
            status: 'returned',
          })
        ).status,
      ).toBe(200);
    expect((await eventually(readCase, (c) => c.status === 'completed')).status).toBe('completed');
    // What the completion sets off (its notifications, by WeCom and e-mail) settles first.
    let before = await everyItem();
    for (let previous = ''; previous !== JSON.stringify(before); ) {
      previous = JSON.stringify(before);
      await new Promise((resolve) => setTimeout(resolve, 300));
      before = await everyItem();
    }
    expect(await stop(first.process)).toBe(0);

    for (let restart = 0; restart < 2; restart++) {
      const again = await start(['--demo']);
      expect(again.output).toMatch(/--demo: the store already holds data .*nothing was changed/s);
      expect(again.output).not.toMatch(/Demo company 宏图贸易 loaded/);
      expect(await everyItem()).toEqual(before);
      const kept = await http.get('/v1/employees/E1014/resignation', token.E1040 as string);
      expect(kept.body).toMatchObject({ id: caseId });
      expect(await stop(again.process)).toBe(0);
    }

    const reset = await start(['--demo', '--reset']);
    expect(reset.output).toMatch(/--reset removes from .*\n {2}dynamodb \(.*\): the tables/);
    expect(reset.output).toMatch(/Demo company 宏图贸易 loaded: 8 departments, 47 employees, 125 customers/);
    expect((await http.get('/v1/employees/E1014/resignation', await tokenOf('E1040'))).status).toBe(404);
    expect(await stop(reset.process)).toBe(0);
  }, 300_000);

  it('says clearly when Java is missing', async () => {
    const result = await promisify(execFile)(
      process.execPath,
      ['infra/local/start.ts', '--data-dir', dataDir],
      {
        env: { PATH: dirname(process.execPath) },
      },
    ).catch((e: { code: number; stderr: string }) => e);
    expect(result).toMatchObject({ code: 1 });
    expect((result as { stderr: string }).stderr).toMatch(
      /needs Java 17 or newer.*apt-get install -y openjdk-17-jre-headless/,
    );
  });

  it('says clearly when a port it needs is taken', async () => {
    const { createServer } = await import('node:net');
    const blocker = createServer().listen(ports.dynamodb, '127.0.0.1');
    await new Promise((resolve) => blocker.once('listening', resolve));
    try {
      await expect(start()).rejects.toThrow(
        new RegExp(`Port ${ports.dynamodb} is already in use \\(wanted for DynamoDB Local\\)`),
      );
    } finally {
      blocker.close();
    }
  });

  it('is ready only while DynamoDB answers: /health/ready says what is down, /health stays live', async () => {
    const stack = await start();
    expect(stack.output).toContain('Ready. Ctrl-C stops.');
    const ready = await fetch(`${api()}/health/ready`);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { dynamodb: 'ok', s3: 'ok' } });
    // DynamoDB Local goes away under the running stack.
    execFileSync('pkill', ['-KILL', '-f', `DynamoDBLocal.jar .*-port ${ports.dynamodb}`]);
    const down = await fetch(`${api()}/health/ready`);
    expect(down.status).toBe(503);
    expect(down.headers.get('content-type')).toMatch(/problem\+json/);
    const problem = (await down.json()) as { code: string; detail: string };
    expect(problem.code).toBe('not_ready');
    expect(problem.detail).toMatch(/^dynamodb: unreachable/);
    expect(problem.detail).not.toMatch(/s3/);
    expect((await fetch(`${api()}/health`)).status).toBe(200);
    await stop(stack.process);
  });
});
