import { createPublicKey, verify } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '#kernel/canonicalJson.ts';
import { type Signature, verifySignature } from '#kernel/signature.ts';
import { handoverRoutes } from '../../../functions/offboarding/api/routes.ts';
import { client, expectProblem, readWholeCase } from '../support/http.ts';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.ts';

/**
 * Scenario 1, end to end through the HTTP API, the workflow (the synthesized state machine on the
 * local interpreter) and the scheduler: Wang Fang (E1002) resigns on Monday 2026-11-02 with her last
 * working day D = Monday 2026-11-16; her manager Zhang Wei (E1001) names Li Lei (E1003) successor.
 */
let stack: TestRuntime;
let api: ReturnType<typeof client>;
const token: Record<string, string> = {};
let caseId: string;

type CustomerView = {
  id: string;
  sha256: string;
  status: string;
  successorId: string;
  snapshot: { tier: string; name: string };
};
type CaseBody = {
  status: string;
  nodes: { kind: string; status: string; deadline: string; overdueSince?: string }[];
  items: {
    customers: CustomerView[];
    workReport: { status: string; version: number };
    assets: { id: string; status: string }[];
    team: { id: string; status: string; newManagerId?: string }[];
  };
};
const readCase = async (as: string) =>
  (await readWholeCase(api, caseId, token[as] as string)) as unknown as CaseBody;
const inbox = async (as: string, which = 'mine') =>
  ((await api.get(`/v1/me/notifications?inbox=${which}&limit=100`, token[as] as string)).body.items ??
    []) as {
    kind: string;
    title: string;
    body: string;
  }[];

beforeAll(async () => {
  stack = await startTestRuntime();
  api = client(stack);
  await stack.loadDemo();
  for (const id of ['E1001', 'E1002', 'E1003', 'E1004', 'E1013', 'E1014', 'E1040', 'E1041', 'E1050'])
    token[id] = await stack.tokenFor(id);
});
afterAll(() => stack.stop());

describe('Wang Fang resigns: the case opens', () => {
  it('opens a case from the sales-lead template with deadlines from her last working day, her 40 customers, her team and her assets', async () => {
    const submitted = await api.post('/v1/employees/E1002/resignation', token.E1002 as string, {
      lastWorkingDay: '2026-11-16',
      reason: 'A new opportunity',
    });
    expect(submitted.status).toBe(201);
    caseId = String(submitted.body.id);
    await stack.catchUp();

    const c = await readCase('E1041');
    expect(c.status).toBe('open');
    expect(c.nodes.map((n) => [n.kind, n.deadline, n.status])).toEqual([
      ['customers', '2026-11-13T16:00:00.000Z', 'open'], // the end of D−3 in Shanghai
      ['work-report', '2026-11-14T16:00:00.000Z', 'open'],
      ['team', '2026-11-14T16:00:00.000Z', 'open'],
      ['assets', '2026-11-16T16:00:00.000Z', 'open'],
    ]);
    const reports = await api.get('/v1/employees?managerId=E1002&limit=100', token.E1041 as string);
    expect(c.items.team.map((i) => i.id).sort()).toEqual((reports.body.items ?? []).map((e) => e.id).sort());
    expect(c.items.team.length).toBeGreaterThan(1);
    expect(c.items.team.every((i) => i.status === 'pending' && !i.newManagerId)).toBe(true);
    expect(c.items.customers).toHaveLength(40);
    expect(c.items.customers.every((i) => i.status === 'pending' && i.successorId === '')).toBe(true);
    expect(c.items.assets.map((a) => a.id).sort()).toEqual(['A1002cards', 'A1002keys', 'A0003laptop'].sort());
    expect(c.items.workReport.status).toBe('draft');
  });

  it('tells everyone involved, each in their language, in the app and by mail', async () => {
    expect((await inbox('E1002')).map((n) => n.title)).toContain('离职交接已开始：王芳');
    expect((await inbox('E1001')).map((n) => n.kind)).toContain('case.opened');
    expect((await inbox('E1041', 'hr')).map((n) => n.kind)).toContain('case.opened');
    expect((await inbox('E1050', 'admin_office')).map((n) => n.kind)).toContain('case.opened');
    expect(stack.outbox.sent.map((m) => m.to)).toEqual(expect.arrayContaining(['wang.fang@hongtu.example']));
  });

  it('answers someone outside the handover on every route of the case exactly as for a case that does not exist', async () => {
    const caseRoutes = handoverRoutes.filter((r) => r.path.includes('{caseId}'));
    expect(caseRoutes.length).toBeGreaterThan(12);
    const invented = 'R20261102010000ffffff';
    const answer = async (
      route: (typeof caseRoutes)[number],
      id: string,
      headers: Record<string, string>,
    ) => {
      const path = route.path
        .replace('{caseId}', id)
        .replace(/\{customerId\}/, 'C00001')
        .replace(/\{assetId\}/, 'A0003laptop')
        .replace(/\{sha256\}/, '0'.repeat(64));
      const response = await stack.request(
        `${path}${route.path.endsWith('/items') ? '?node=customers' : ''}`,
        {
          method: route.method,
          token: token.E1014 as string,
          headers: { 'content-type': 'application/json', ...headers },
          ...(route.method === 'GET' ? {} : { body: '{}' }),
        },
      );
      const body = (await response.json()) as { code?: string };
      return `${route.method} ${route.path} → ${response.status} ${body.code ?? ''}`;
    };
    // A stale If-Match, none at all, a body that is wrong: still only 404, never 400, 403, 412 or 428.
    const variants: Record<string, string>[] = [{ 'if-match': '"v1"' }, { 'if-match': '"v99"' }, {}];
    for (const headers of variants) {
      for (const route of caseRoutes) {
        const real = await answer(route, caseId, headers);
        expect(real).toBe(await answer(route, invented, headers));
        expect(real).toMatch(/→ 404 not_found$/);
      }
    }
  });

  it('lets her manager name the successor later; the customers follow', async () => {
    const plan = await api.get('/v1/employees/E1002/resignation', token.E1001 as string);
    const named = await api.patch(
      '/v1/employees/E1002/resignation',
      token.E1001 as string,
      { successorIds: ['E1003'], reason: 'Li Lei knows her accounts' },
      plan.headers.get('etag') as string,
    );
    expect(named.status).toBe(200);
    await stack.catchUp();
    const c = await readCase('E1003');
    expect(c.items.customers.every((i) => i.successorId === 'E1003')).toBe(true);
    // Li Lei is told when named, once, however often the change is delivered.
    const told = (await inbox('E1003')).filter((n) => n.kind === 'items.assigned');
    expect(told).toHaveLength(1);
    expect(told[0]?.title).toBe('请接收客户：40 个');
    await stack.catchUp();
    expect((await inbox('E1003')).filter((n) => n.kind === 'items.assigned')).toHaveLength(1);
  });
});

describe('the handover runs', () => {
  it('tells those in the case who may not do a thing so (403) before what is wrong with what they sent', async () => {
    const post = (path: string, as: string, body: unknown) =>
      api.post(`/v1/offboarding/${caseId}/${path}`, token[as] as string, body);
    expectProblem(
      await post('work-report/approve', 'E1003', { sha256: 'not a hash' }),
      403,
      'permission_denied',
    );
    expectProblem(await post('customers/reassign', 'E1002', { nonsense: true }), 403, 'permission_denied');
    expectProblem(await post('customers/accept', 'E1001', { items: [] }), 403, 'permission_denied');
    expectProblem(await post('team/assign', 'E1003', {}), 403, 'permission_denied');
    // Those who may get the input checked.
    expectProblem(await post('customers/reassign', 'E1001', { nonsense: true }), 400, 'validation_failed');
  });

  it('takes key accounts from her at D−7, while her other customers stay readable', async () => {
    stack.clock.set('2026-11-08T16:00:00.000Z');
    await stack.catchUp();
    const c = await readCase('E1041');
    const key = c.items.customers.find((i) => i.snapshot.tier === 'key') as CustomerView;
    const standard = c.items.customers.find((i) => i.snapshot.tier !== 'key') as CustomerView;
    expectProblem(await api.get(`/v1/customers/${key.id}`, token.E1002 as string), 404);
    expect((await api.get(`/v1/customers/${standard.id}`, token.E1002 as string)).status).toBe(200);
    // Nor does her view of the handover show them any more; Li Lei, who takes them over, sees all.
    const hers = await readCase('E1002');
    expect(hers.items.customers).toHaveLength(35);
    expect(hers.items.customers.some((i) => i.snapshot.tier === 'key')).toBe(false);
    expect((await readCase('E1003')).items.customers).toHaveLength(40);
  });

  it('counts each refused attempt of hers once per action, target and hour; HR reads them, nobody else', async () => {
    const c = await readCase('E1041');
    const key = c.items.customers.find((i) => i.snapshot.tier === 'key') as CustomerView;
    // The refused read of the test before, once more; an edit; a page too large; an export.
    expectProblem(await api.get(`/v1/customers/${key.id}`, token.E1002 as string), 404);
    expectProblem(
      await api.patch(`/v1/customers/${key.id}`, token.E1002 as string, { name: 'x' }, '"v1"'),
      404,
    );
    expectProblem(await api.get('/v1/customers?limit=500', token.E1002 as string), 400);
    expectProblem(await api.post('/v1/customers/exports', token.E1002 as string, {}), 403);
    // Li Lei is not leaving: his refused read stays out of the log, his refused export does not.
    expectProblem(await api.get('/v1/customers/C99999', token.E1003 as string), 404);
    expectProblem(await api.post('/v1/customers/exports', token.E1003 as string, {}), 403);

    const hers = await api.get('/v1/access-denials?actor=E1002', token.E1041 as string);
    expect(hers.status).toBe(200);
    const entries = (hers.body.items ?? []).map((d) => [
      d.action,
      d.target,
      d.reason,
      d.status,
      d.count,
      d.caseId,
    ]);
    expect(entries.sort()).toEqual(
      [
        ['customer.export', 'customers', 'permission_denied', 403, 1, caseId],
        ['customer.read', 'customers', 'validation_failed', 400, 1, caseId],
        ['customer.read', `customer:${key.id}`, 'not_found', 404, 2, caseId],
        ['customer.write', `customer:${key.id}`, 'not_found', 404, 1, caseId],
      ].sort(),
    );
    expect(hers.body.items?.every((d) => d.hour === '2026-11-08T16:00:00.000Z' && d.firstRequestId)).toBe(
      true,
    );
    const ofCase = await api.get(`/v1/access-denials?caseId=${caseId}`, token.E1041 as string);
    expect(ofCase.body.items).toHaveLength(4);
    const everyone = await api.get('/v1/access-denials?from=2026-11-08T16:30:00.000Z', token.E1041 as string);
    expect((everyone.body.items ?? []).filter((d) => d.actor === 'E1003').map((d) => d.action)).toEqual([
      'customer.export',
    ]);
    // The same instant with Shanghai's offset selects the same hour.
    const offset = await api.get(
      `/v1/access-denials?from=${encodeURIComponent('2026-11-09T00:30:00+08:00')}`,
      token.E1041 as string,
    );
    expect(offset.body.items).toEqual(everyone.body.items);
    const later = await api.get('/v1/access-denials?from=2026-11-08T17:00:00.000Z', token.E1041 as string);
    expect(later.body.items).toEqual([]);
    expectProblem(await api.get('/v1/access-denials', token.E1001 as string), 403);
  });

  it('lets only Li Lei accept her customers, each exactly as he saw it; accepting twice changes nothing', async () => {
    const c = await readCase('E1003');
    const [first, ...rest] = c.items.customers;
    const accept = (as: string, items: CustomerView[]) =>
      api.post(`/v1/offboarding/${caseId}/customers/accept`, token[as] as string, {
        items: items.map((i) => ({ customerId: i.id, sha256: i.sha256 })),
      });
    // To someone outside the handover the case is not there; the leaver may see it but not accept.
    expectProblem(await accept('E1014', [first as CustomerView]), 404);
    expectProblem(await accept('E1002', [first as CustomerView]), 403);
    const stale = await api.post(`/v1/offboarding/${caseId}/customers/accept`, token.E1003 as string, {
      items: [{ customerId: first?.id, sha256: '0'.repeat(64) }],
    });
    expectProblem(stale, 400, 'not_acceptable');
    expect(JSON.stringify(stale.body)).toContain('body.items.0.sha256');

    // One by one for the first five, then the next thirty-two together.
    for (const item of [first, ...rest.slice(0, 4)] as CustomerView[])
      expect((await accept('E1003', [item])).status).toBe(200);
    const again = await accept('E1003', [first as CustomerView]);
    expect(again.status).toBe(200);
    expect((await accept('E1003', rest.slice(4, 36))).status).toBe(200);
    const after = await readCase('E1003');
    expect(after.items.customers.filter((i) => i.status === 'accepted')).toHaveLength(37);
    const signed = after.items.customers.find((i) => i.id === first?.id) as unknown as {
      signature: Signature;
    };
    expect(signed.signature).toMatchObject({ signer: 'E1003', action: 'customers.accepted' });
    const stored = await api.get(
      `/v1/offboarding/${caseId}/statements/${signed.signature.statementSha256}`,
      token.E1003 as string,
    );
    expect(stored.body.statement).toMatchObject({
      caseId,
      successorId: 'E1003',
      customers: [expect.objectContaining({ id: first?.id })],
    });
    const accepted = await api.get(
      `/v1/evidence?subject=employee:E1002&action=handover.customers-accepted`,
      token.E1040 as string,
    );
    expect(accepted.body.items).toHaveLength(6); // five single acceptances and one of 32; the repeat added nothing
  });

  it('reminds whoever still owes something two days before a deadline', async () => {
    stack.clock.set('2026-11-11T16:00:00.000Z'); // 11-12 00:00 in Shanghai: two days before the customers' deadline
    await stack.catchUp();
    const reminders = (await inbox('E1003')).filter((n) => n.kind === 'node.reminder');
    expect(reminders.map((n) => n.title)).toEqual(['提醒：客户交接还剩 2 天']);
    expect(reminders[0]?.body).toContain('3');
    expect(
      stack.outbox.sent.filter((m) => m.to === 'li.lei@hongtu.example' && m.subject.startsWith('提醒')),
    ).toHaveLength(1);
    // Nobody else owes anything on the customers: no reminder for them.
    expect((await inbox('E1004')).filter((n) => n.kind === 'node.reminder')).toEqual([]);
    await stack.catchUp();
    expect((await inbox('E1003')).filter((n) => n.kind === 'node.reminder')).toHaveLength(1);
  });

  it('has her write the work report; her manager returns it once, then approves it with a signature', async () => {
    const report = (await readCase('E1002')).items.workReport;
    const entry = (title: string) => [{ title, details: '见共享盘 See the shared drive' }];
    const sections = {
      openProjects: entry('华东区年度框架协议 East China framework agreement'),
      pendingTasks: entry('三笔待回款 Three payments due'),
      documentLocations: entry('\\\\files\\sales\\wangfang'),
      accountsToHandOver: entry('CRM 管理员 CRM admin'),
      openApprovals: entry('两笔折扣审批 Two discount approvals'),
    };
    expectProblem(
      await api.post(`/v1/offboarding/${caseId}/work-report/submit`, token.E1002 as string, undefined),
      400,
      'report_incomplete',
    );
    // The case's ETag is what the report's edits take; the workflow's bookkeeping leaves it valid.
    const read = await api.get(`/v1/offboarding/${caseId}`, token.E1002 as string);
    expect(read.headers.get('etag')).toBe(`"v${report.version}"`);
    await stack.catchUp();
    const saved = await api.put(
      `/v1/offboarding/${caseId}/work-report`,
      token.E1002 as string,
      { sections },
      read.headers.get('etag') as string,
    );
    expect(saved.status).toBe(200);
    expect(saved.headers.get('etag')).toBe(`"v${report.version + 1}"`);
    expectProblem(
      await api.put(`/v1/offboarding/${caseId}/work-report`, token.E1003 as string, { sections }, '"v2"'),
      403,
    );
    expect(
      (await api.post(`/v1/offboarding/${caseId}/work-report/submit`, token.E1002 as string, undefined))
        .status,
    ).toBe(200);
    expect((await inbox('E1001')).map((n) => n.kind)).toContain('report.submitted');

    expectProblem(
      await api.post(`/v1/offboarding/${caseId}/work-report/approve`, token.E1003 as string, {}),
      403,
    );
    const returned = await api.post(`/v1/offboarding/${caseId}/work-report/return`, token.E1001 as string, {
      comment: '请补充回款时间 Add the payment dates',
    });
    expect(returned.status).toBe(200);
    expect((await inbox('E1002')).map((n) => n.kind)).toContain('report.returned');
    const current = (await readCase('E1002')).items.workReport;
    expect(returned.headers.get('etag')).toBe(`"v${current.version}"`);
    const resaved = await api.put(
      `/v1/offboarding/${caseId}/work-report`,
      token.E1002 as string,
      { sections: { ...sections, pendingTasks: entry('三笔待回款：11-20、11-25、12-01 Payments due') } },
      returned.headers.get('etag') as string,
    );
    expect(resaved.status).toBe(200);
    await api.post(`/v1/offboarding/${caseId}/work-report/submit`, token.E1002 as string, undefined);
    const approved = await api.post(`/v1/offboarding/${caseId}/work-report/approve`, token.E1001 as string, {
      comment: '同意 Approved',
    });
    expect(approved.status).toBe(200);
    await stack.catchUp();
    const c = await readCase('E1001');
    expect(c.items.workReport.status).toBe('approved');
    expect(c.nodes.find((n) => n.kind === 'work-report')?.status).toBe('closed');
  });

  it('has the admin office confirm her laptop, keys and business cards', async () => {
    const assets = (await readCase('E1050')).items.assets;
    expectProblem(
      await api.post(`/v1/offboarding/${caseId}/assets/${assets[0]?.id}/confirm`, token.E1002 as string, {
        status: 'returned',
      }),
      403,
    );
    expectProblem(
      await api.post(`/v1/offboarding/${caseId}/assets/${assets[0]?.id}/confirm`, token.E1050 as string, {
        status: 'lost',
      }),
      400,
    );
    for (const asset of assets) {
      const confirmed = await api.post(
        `/v1/offboarding/${caseId}/assets/${asset.id}/confirm`,
        token.E1050 as string,
        {
          status: 'returned',
          condition: '完好 Good',
        },
      );
      expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    }
    const twice = await api.post(
      `/v1/offboarding/${caseId}/assets/${assets[0]?.id}/confirm`,
      token.E1050 as string,
      { status: 'returned' },
    );
    expect(twice.status).toBe(200);
    await stack.catchUp();
    expect((await readCase('E1041')).nodes.find((n) => n.kind === 'assets')?.status).toBe('closed');
  });

  it('hands her team over: her manager names new managers, each confirms; nobody else may', async () => {
    const team = (await readCase('E1041')).items.team;
    const others = team.filter((i) => i.id !== 'E1003');
    const assign = (as: string, items: { employeeId: string; newManagerId: string }[]) =>
      api.post(`/v1/offboarding/${caseId}/team/assign`, token[as] as string, { items });
    expectProblem(await assign('E1003', [{ employeeId: 'E1004', newManagerId: 'E1003' }]), 403);
    const toLeaver = await assign('E1001', [{ employeeId: 'E1004', newManagerId: 'E1002' }]);
    expectProblem(toLeaver, 400);
    expect(JSON.stringify(toLeaver.body)).toContain('body.items.0.newManagerId');
    expect(
      (
        await assign('E1001', [
          { employeeId: 'E1003', newManagerId: 'E1013' },
          ...others.map((i) => ({ employeeId: i.id, newManagerId: 'E1003' })),
        ])
      ).status,
    ).toBe(200);
    expect((await inbox('E1003')).map((n) => n.kind)).toContain('team.assigned');
    const confirm = (as: string, employeeIds: string[]) =>
      api.post(`/v1/offboarding/${caseId}/team/confirm`, token[as] as string, { employeeIds });
    expectProblem(await confirm('E1003', ['E1003']), 403);
    expect(
      (
        await confirm(
          'E1003',
          others.map((i) => i.id),
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await confirm(
          'E1003',
          others.map((i) => i.id),
        )
      ).status,
    ).toBe(200); // again: no change
    expect((await confirm('E1013', ['E1003'])).status).toBe(200);
    await stack.catchUp();
    const c = await readCase('E1041');
    expect(c.items.team.every((i) => i.status === 'confirmed')).toBe(true);
    expect(c.nodes.find((n) => n.kind === 'team')?.status).toBe('closed');
    // Until the handover completes, they still report to her.
    expect((await api.get('/v1/employees/E1004', token.E1041 as string)).body.managerId).toBe('E1002');
  });

  it('completes when Li Lei accepts the last customers: ownership moves, the report is stored; her account goes when her last day ends', async () => {
    expect((await api.get('/v1/me', token.E1002 as string)).status).toBe(200);
    const c = await readCase('E1003');
    const remaining = c.items.customers.filter((i) => i.status === 'pending');
    expect(remaining).toHaveLength(3);
    await api.post(`/v1/offboarding/${caseId}/customers/accept`, token.E1003 as string, {
      items: remaining.map((i) => ({ customerId: i.id, sha256: i.sha256 })),
    });
    await stack.catchUp();

    const done = await readCase('E1041');
    expect(done.status).toBe('completed');
    expect(done.nodes.every((n) => n.status === 'closed')).toBe(true);
    // Done four days early: she keeps working until the end of her last working day, then any token
    // she still holds is refused and her sign-in is disabled.
    expect((await api.get('/v1/me', token.E1002 as string)).status).toBe(200);
    stack.clock.set('2026-11-16T16:00:00.000Z'); // 11-17 00:00 in Shanghai
    await stack.catchUp();
    expectProblem(await api.get('/v1/me', token.E1002 as string), 403, 'account_disabled');
    expect(await stack.identity.status('E1002')).toBe('disabled');

    // A standard account: Li Lei reads his new key accounts only once HR grants him key-account access.
    const customer = c.items.customers.find((i) => i.snapshot.tier !== 'key') as CustomerView;
    const record = await api.get(`/v1/customers/${customer.id}`, token.E1003 as string);
    expect(record.body.ownerId).toBe('E1003');
    const history = await api.get(`/v1/customers/${customer.id}/history`, token.E1003 as string);
    expect(history.body.items?.[0]).toMatchObject({
      actor: 'system',
      reason: `Handover of case ${caseId}`,
      changes: { ownerId: { from: 'E1002', to: 'E1003' } },
    });
    expect((await inbox('E1041', 'hr')).map((n) => n.kind)).toContain('case.completed');
    // Nobody reports to her any more: her team is with the managers who confirmed them.
    expect((await api.get('/v1/employees/E1004', token.E1041 as string)).body.managerId).toBe('E1003');
    expect((await api.get('/v1/employees/E1003', token.E1041 as string)).body.managerId).toBe('E1013');
    const left = await api.get('/v1/employees?managerId=E1002&limit=100', token.E1041 as string);
    expect(left.body.items).toEqual([]);
  });

  it('stores a report whose signatures verify with the published key, and refuses to serve it once changed', async () => {
    const response = await stack.request(`/v1/offboarding/${caseId}/report`, {
      token: token.E1040 as string,
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    const report = JSON.parse(text) as {
      customers: { successorId: string; customers: unknown[] }[];
      signatures: Signature[];
      revocation: { action: string; details: { stage?: string } }[];
      workReport: { sections: Record<string, unknown> };
      assets: { status: string }[];
      team: { employeeId: string; newManagerId: string }[];
      nodes: { late: boolean }[];
      attemptsAfterRevocation: { action: string; target: string; reason: string; count: number }[];
      people: Record<string, { name: string; nameLatin?: string }>;
      timeZone: string;
    };
    expect(report.customers).toEqual([{ successorId: 'E1003', customers: expect.any(Array) }]);
    // Her refused attempts are in it (Li Lei's refused export is not hers).
    expect(report.attemptsAfterRevocation.map((a) => [a.action, a.reason, a.count]).sort()).toEqual(
      [
        ['customer.export', 'permission_denied', 1],
        ['customer.read', 'validation_failed', 1],
        ['customer.read', 'not_found', 2],
        ['customer.write', 'not_found', 1],
      ].sort(),
    );
    expect(report.customers[0]?.customers).toHaveLength(40);
    expect(report.assets.map((a) => a.status)).toEqual(['returned', 'returned', 'returned']);
    expect(report.nodes.map((n) => n.late)).toEqual([false, false, false, false]);
    expect(report.team.find((t) => t.employeeId === 'E1003')?.newManagerId).toBe('E1013');
    expect(report.team.every((t) => t.newManagerId !== '')).toBe(true);
    expect(
      report.revocation.filter((r) => r.action === 'revocation.stage-applied').map((r) => r.details.stage),
    ).toEqual(['immediate', 'key-accounts']);

    const key = (await (await stack.request('/v1/signing-key')).json()) as { publicKeyPem: string };
    // 6 + 1 acceptances by Li Lei, the approval, three assets, one confirmation per team member.
    expect(report.signatures.length).toBe(11 + report.team.length);
    for (const signature of report.signatures)
      expect(verifySignature(signature, key.publicKeyPem)).toBe(true);
    // The report itself is signed too: its hash and signature are in the evidence log and the headers.
    const signature = response.headers.get('x-report-signature') as string;
    expect(
      verify(
        'sha256',
        Buffer.from(text),
        createPublicKey(key.publicKeyPem),
        Buffer.from(signature, 'base64'),
      ),
    ).toBe(true);
    const stored = await api.get(
      `/v1/evidence?subject=employee:E1002&action=offboarding.report-stored`,
      token.E1040 as string,
    );
    expect(stored.body.items?.[0]?.details).toMatchObject({
      sha256: response.headers.get('x-report-sha256'),
    });

    const html = await stack.request(`/v1/offboarding/${caseId}/report?format=html`, {
      token: token.E1001 as string,
    });
    expect(html.status).toBe(200);
    const page = await html.text();
    expect(page).toMatch(/离职交接报告 \/ Handover report[\s\S]*王芳 Wang Fang \(E1002\)/);
    // People by name, times on the company's clock: the customers' deadline is the end of D−3 in Shanghai.
    expect(page).toContain('→ 李雷 Li Lei (E1003)');
    expect(page).toContain('<td>2026-11-14 00:00</td>');
    expect(page).not.toMatch(/<td>\d{4}-\d{2}-\d{2}T/);
    expect(report.people.E1003).toEqual({ name: '李雷', nameLatin: 'Li Lei' });
    expect(report.timeZone).toBe('Asia/Shanghai');
    expectProblem(await api.get(`/v1/offboarding/${caseId}/report`, token.E1003 as string), 403);

    // One byte changed in the bucket: the API will not serve it.
    const tampered = text.replace('"returned"', '"returnee"');
    await stack.clients.s3.send(
      new PutObjectCommand({
        Bucket: stack.names.buckets.reports,
        Key: `offboarding/${caseId}/handover-report.json`,
        Body: tampered,
      }),
    );
    expectProblem(
      await api.get(`/v1/offboarding/${caseId}/report`, token.E1040 as string),
      409,
      'report_integrity',
    );
  });

  it('keeps the evidence chain intact through all of it', async () => {
    const { makeEvidenceLog } = await import('#adapters/aws/evidence/evidenceLog.ts');
    const verified = await makeEvidenceLog(
      stack.clients.dynamo,
      stack.names.tables.evidence,
      stack.clock,
    ).verify();
    expect(verified).toMatchObject({ intact: true });
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });
});
