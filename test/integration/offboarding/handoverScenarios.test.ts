import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, expectProblem, readAllPages, readWholeCase } from '../support/http.ts';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.ts';

/**
 * Scenarios 2, 3 and 4 of the handover, and concurrent successors, on one local stack whose clock
 * starts on Monday 2026-11-02 09:00 in Shanghai. Sales reps E1014, E1018 and E1019 report to the
 * sales manager E1013; E1020 heads engineering.
 */
let stack: TestRuntime;
let api: ReturnType<typeof client>;
const token: Record<string, string> = {};
const cases: Record<string, string> = {};

type CustomerView = { id: string; sha256: string; status: string; successorId: string };
type CaseBody = {
  status: string;
  lastWorkingDay: string;
  nodes: { kind: string; status: string; deadline: string; remindAt: string[]; overdueSince?: string }[];
  items: {
    customers: CustomerView[];
    workReport: { status: string; version: number };
    assets: { id: string; status: string }[];
  };
};
const readCase = async (who: string, as = 'E1041') =>
  (await readWholeCase(api, cases[who] as string, token[as] as string)) as unknown as CaseBody;
const resign = async (who: string, lastWorkingDay: string, successorIds: string[] = []) => {
  const submitted = await api.post(`/v1/employees/${who}/resignation`, token.E1041 as string, {
    lastWorkingDay,
    reason: 'Recorded by HR',
    successorIds,
  });
  expect(submitted.status).toBe(201);
  cases[who] = String(submitted.body.id);
};
const accept = (as: string, who: string, items: CustomerView[]) =>
  api.post(`/v1/offboarding/${cases[who]}/customers/accept`, token[as] as string, {
    items: items.map((i) => ({ customerId: i.id, sha256: i.sha256 })),
  });
/** The work report and assets nodes, done properly, so that only the customers decide the end. */
async function finishReportAndAssets(who: string) {
  const c = await readCase(who);
  const entry = [{ title: '无 None', details: '—' }];
  await api.put(
    `/v1/offboarding/${cases[who]}/work-report`,
    token[who] as string,
    {
      sections: {
        openProjects: entry,
        pendingTasks: entry,
        documentLocations: entry,
        accountsToHandOver: entry,
      },
    },
    `"v${c.items.workReport.version}"`,
  );
  expect(
    (await api.post(`/v1/offboarding/${cases[who]}/work-report/submit`, token[who] as string, undefined))
      .status,
  ).toBe(200);
  expect(
    (await api.post(`/v1/offboarding/${cases[who]}/work-report/approve`, token.E1013 as string, {})).status,
  ).toBe(200);
  for (const asset of c.items.assets)
    await api.post(`/v1/offboarding/${cases[who]}/assets/${asset.id}/confirm`, token.E1050 as string, {
      status: 'returned',
    });
}

beforeAll(async () => {
  stack = await startTestRuntime();
  api = client(stack);
  await stack.loadDemo();
  for (const id of [
    'E1013',
    'E1014',
    'E1015',
    'E1016',
    'E1017',
    'E1018',
    'E1019',
    'E1020',
    'E1040',
    'E1041',
    'E1050',
  ])
    token[id] = await stack.tokenFor(id);
  await resign('E1014', '2026-11-16', ['E1015']);
  await resign('E1018', '2026-11-25', ['E1015']);
  await resign('E1019', '2026-11-16', ['E1015']);
  await resign('E1020', '2026-11-20');
  await stack.catchUp();
});
afterAll(() => stack.stop());

describe('two successors at once', () => {
  it('never loses an item when both accept concurrently', async () => {
    const c = await readCase('E1019');
    const toOther = c.items.customers.slice(0, 3);
    const reassigned = await api.post(
      `/v1/offboarding/${cases.E1019}/customers/reassign`,
      token.E1013 as string,
      {
        customerIds: toOther.map((i) => i.id),
        toSuccessorId: 'E1016',
        reason: 'Split the book between two people',
      },
    );
    expect(reassigned.status).toBe(200);
    const now = (await readCase('E1019')).items.customers;
    const mine = (who: string) => now.filter((i) => i.successorId === who);
    const results = await Promise.all([
      ...mine('E1015').map((i) => accept('E1015', 'E1019', [i])),
      ...mine('E1016').map((i) => accept('E1016', 'E1019', [i])),
      accept('E1016', 'E1019', mine('E1016')),
    ]);
    expect(results.map((r) => r.status)).toEqual(results.map(() => 200));
    const after = await readCase('E1019');
    expect(after.items.customers.map((i) => i.status)).toEqual([
      'accepted',
      'accepted',
      'accepted',
      'accepted',
      'accepted',
    ]);
    expect(after.nodes.find((n) => n.kind === 'customers')?.status).toBe('closed');
  });
});

describe('scenario 3: the last working day moves', () => {
  it('recomputes every deadline and wakes the workflow to wait anew; key accounts go at once', async () => {
    const before = await readCase('E1020');
    expect(before.nodes.map((n) => n.kind)).toEqual(['work-report', 'assets']); // the engineering template
    stack.clock.set('2026-11-05T02:00:00.000Z');
    const plan = await api.get('/v1/employees/E1020/resignation', token.E1041 as string);
    const moved = await api.patch(
      '/v1/employees/E1020/resignation',
      token.E1041 as string,
      { lastWorkingDay: '2026-11-10', reason: 'Leaves for a competitor; agreed to go earlier' },
      plan.headers.get('etag') as string,
    );
    expect(moved.status).toBe(200);
    await stack.catchUp();
    const after = await readCase('E1020');
    expect(after.lastWorkingDay).toBe('2026-11-10');
    expect(after.nodes.map((n) => [n.kind, n.deadline])).toEqual([
      ['work-report', '2026-11-08T16:00:00.000Z'],
      ['assets', '2026-11-10T16:00:00.000Z'],
    ]);
    // The waiting tasks now time out at the new reminder times.
    const waiting = stack.workflow.waitingTasks().filter((t) => t.executionName && t.deadline);
    expect(waiting.map((t) => t.deadline).sort()).toEqual(
      expect.arrayContaining(['2026-11-06T16:00:00.000Z', '2026-11-08T16:00:00.000Z']),
    );
    const permissions = await api.get('/v1/employees/E1020/permissions', token.E1041 as string);
    expect(JSON.stringify(permissions.body.permissions)).not.toContain('customer:read:key-accounts');
  });
});

describe('scenario 4: the resignation is withdrawn', () => {
  it('cancels the open nodes and ends the workflow; nothing is handed over, the evidence says so', async () => {
    const c = await readCase('E1018');
    await accept('E1015', 'E1018', c.items.customers.slice(0, 2));
    stack.clock.set('2026-11-06T02:00:00.000Z');
    const withdrawn = await api.post('/v1/employees/E1018/resignation/withdraw', token.E1040 as string, {
      reason: 'Stays after a retention talk',
    });
    expect(withdrawn.status).toBe(200);
    await stack.catchUp();
    const after = await readCase('E1018');
    expect(after.status).toBe('cancelled');
    expect(after.nodes.map((n) => n.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    const execution = [...stack.workflow.executions.values()].find((e) =>
      JSON.stringify(e.input).includes(String(cases.E1018)),
    );
    expect(execution?.status).toBe('SUCCEEDED');
    // The two customers he had accepted stay with E1018: nothing moves for a withdrawn case.
    const customer = await api.get(`/v1/customers/${c.items.customers[0]?.id}`, token.E1040 as string);
    expect(customer.body.ownerId).toBe('E1018');
    const evidence = await api.get(
      '/v1/evidence?subject=employee:E1018&action=offboarding.cancelled',
      token.E1040 as string,
    );
    expect(evidence.body.items?.[0]).toMatchObject({
      caseId: cases.E1018,
      details: { cancelledNodes: ['customers', 'work-report', 'assets'] },
    });
    expect((await api.get('/v1/me', token.E1018 as string)).status).toBe(200);
    expectProblem(await accept('E1015', 'E1018', c.items.customers.slice(2, 3)), 409, 'node_closed');
  });
});

describe('scenario 2: a node runs late', () => {
  it('turns the customers node overdue at its deadline and alerts the manager and HR', async () => {
    const c = await readCase('E1014');
    await accept('E1015', 'E1014', c.items.customers.slice(0, 2));
    const rejected = await api.post(
      `/v1/offboarding/${cases.E1014}/customers/${c.items.customers[2]?.id}/reject`,
      token.E1015 as string,
      { reason: '客户在外地，我无法跟进 Out of my region' },
    );
    expect(rejected.status).toBe(200);
    const managerInbox =
      (await api.get('/v1/me/notifications?limit=100', token.E1013 as string)).body.items ?? [];
    expect(managerInbox.map((n) => n.kind)).toContain('item.rejected');
    await finishReportAndAssets('E1014');

    const deadline = '2026-11-13T16:00:00.000Z';
    stack.clock.set(deadline); // the end of D−3
    await stack.catchUp();
    // Counted as each node turns overdue, once (the alarm on overdue nodes watches this metric).
    const counted = () =>
      stack.metrics.published
        .filter((m) => m.name === 'NodesBecameOverdue' && m.at === deadline)
        .reduce((sum, m) => sum + m.value, 0);
    let turned = 0;
    for (const { id } of (
      await readAllPages(api, '/v1/offboarding?status=overdue', token.E1041 as string, 50)
    ).items) {
      const nodes = (await api.get(`/v1/offboarding/${id}`, token.E1041 as string)).body.nodes as {
        overdueSince?: string;
      }[];
      turned += nodes.filter((n) => n.overdueSince === deadline).length;
    }
    expect(turned).toBeGreaterThan(0);
    expect(counted()).toBe(turned);
    await stack.catchUp();
    expect(counted()).toBe(turned);
    const late = await readCase('E1014');
    expect(late.nodes.find((n) => n.kind === 'customers')).toMatchObject({
      status: 'open',
      overdueSince: '2026-11-13T16:00:00.000Z',
    });
    const alerts = (await api.get('/v1/me/notifications?limit=100', token.E1013 as string)).body.items ?? [];
    expect(alerts.filter((n) => n.kind === 'node.overdue')).toHaveLength(1);
    const hr =
      (await api.get('/v1/me/notifications?inbox=hr&limit=100', token.E1041 as string)).body.items ?? [];
    expect(
      hr.filter((n) => n.kind === 'node.overdue' && String(n.title).includes('E1014') === false),
    ).not.toHaveLength(0);
    const overdue = await api.get('/v1/offboarding?status=overdue', token.E1041 as string);
    expect(overdue.body.items?.map((i) => i.id)).toContain(cases.E1014);
    expectProblem(await api.get('/v1/offboarding?status=overdue', token.E1013 as string), 403);
  });

  it('lets the manager reassign what is left to another successor, who accepts; then the case closes', async () => {
    const c = await readCase('E1014');
    const left = c.items.customers.filter((i) => i.status !== 'accepted');
    expect(left.map((i) => i.status).sort()).toEqual(['pending', 'pending', 'rejected']);
    expectProblem(
      await api.post(`/v1/offboarding/${cases.E1014}/customers/reassign`, token.E1015 as string, {
        customerIds: left.map((i) => i.id),
        toSuccessorId: 'E1016',
        reason: 'I pass them on',
      }),
      403,
    );
    const reassigned = await api.post(
      `/v1/offboarding/${cases.E1014}/customers/reassign`,
      token.E1013 as string,
      {
        customerIds: left.map((i) => i.id),
        toSuccessorId: 'E1016',
        reason: 'Zhou covers that region',
      },
    );
    expect(reassigned.status).toBe(200);
    const now = (await readCase('E1014')).items.customers.filter((i) => i.successorId === 'E1016');
    expect((await accept('E1016', 'E1014', now)).status).toBe(200);
    await stack.catchUp();
    const done = await readCase('E1014');
    expect(done.status).toBe('completed');
    const report = JSON.parse(
      await (
        await stack.request(`/v1/offboarding/${cases.E1014}/report`, { token: token.E1041 as string })
      ).text(),
    ) as {
      customers: { successorId: string; customers: unknown[] }[];
      rejectedOrReassigned: { customerId: string }[];
      nodes: { kind: string; late: boolean }[];
    };
    expect(report.customers.map((g) => [g.successorId, g.customers.length])).toEqual([
      ['E1015', 2],
      ['E1016', 3],
    ]);
    expect(report.rejectedOrReassigned).toHaveLength(3);
    expect(report.nodes.find((n) => n.kind === 'customers')?.late).toBe(true);
    const stillOverdue = await api.get('/v1/offboarding?status=overdue', token.E1041 as string);
    expect(stillOverdue.body.items?.map((i) => i.id)).not.toContain(cases.E1014);
  });
});

describe('a task that keeps failing', () => {
  it('puts the case into needs_attention and tells HR; HR resumes it and it continues where it stopped', async () => {
    const { CreateBucketCommand, DeleteBucketCommand, DeleteObjectsCommand, ListObjectsV2Command } =
      await import('@aws-sdk/client-s3');
    const bucket = stack.names.buckets.reports;
    await resign('E1017', '2026-11-30', ['E1015']);
    await stack.catchUp();
    const c = await readCase('E1017');
    // The reports bucket is gone when the report is written (gone before the last confirmation, whose
    // completion writes it).
    const listed = await stack.clients.s3.send(new ListObjectsV2Command({ Bucket: bucket }));
    if (listed.Contents?.length)
      await stack.clients.s3.send(
        new DeleteObjectsCommand({
          Bucket: bucket,
          Delete: { Objects: listed.Contents.map((o) => ({ Key: o.Key })) },
        }),
      );
    await stack.clients.s3.send(new DeleteBucketCommand({ Bucket: bucket }));
    await accept('E1015', 'E1017', c.items.customers);
    await finishReportAndAssets('E1017');
    await stack.catchUp();

    const stuck = await readCase('E1017');
    expect(stuck.status).toBe('needs_attention');
    const hr =
      (await api.get('/v1/me/notifications?inbox=hr&limit=100', token.E1041 as string)).body.items ?? [];
    expect(hr.map((n) => n.kind)).toContain('case.needs-attention');
    expect(
      (await api.get('/v1/offboarding?status=needs_attention', token.E1041 as string)).body.items?.map(
        (i) => i.id,
      ),
    ).toEqual([cases.E1017]);
    // Customers had moved before the failure; the resumed run does not move them twice.
    const moved = await api.get(`/v1/customers/${c.items.customers[0]?.id}/history`, token.E1040 as string);
    expect(moved.body.items?.filter((h) => JSON.stringify(h.changes).includes('ownerId'))).toHaveLength(1);

    await stack.clients.s3.send(new CreateBucketCommand({ Bucket: bucket }));
    expectProblem(
      await api.post(`/v1/offboarding/${cases.E1017}/resume`, token.E1015 as string, undefined),
      403,
    );
    const resumed = await api.post(`/v1/offboarding/${cases.E1017}/resume`, token.E1041 as string, undefined);
    expect(resumed.status).toBe(202);
    await stack.catchUp();
    expect((await readCase('E1017')).status).toBe('completed');
    const again = await api.get(`/v1/customers/${c.items.customers[0]?.id}/history`, token.E1040 as string);
    expect(again.body.items?.filter((h) => JSON.stringify(h.changes).includes('ownerId'))).toHaveLength(1);
    const evidence = await api.get(
      '/v1/evidence?subject=employee:E1017&action=offboarding.resumed',
      token.E1040 as string,
    );
    expect(evidence.body.items).toHaveLength(1);
  });
});
