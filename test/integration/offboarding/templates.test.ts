import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, expectProblem } from '../support/http.ts';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.ts';

/** Templates HR admins shape, the per-case choice of one, and assets the admin office records. */
let stack: TestRuntime;
let api: ReturnType<typeof client>;
const token: Record<string, string> = {};

beforeAll(async () => {
  stack = await startTestRuntime();
  api = client(stack);
  await stack.loadDemo();
  for (const id of ['E1040', 'E1041', 'E1050', 'E1051', 'E1061', 'E1022'])
    token[id] = await stack.tokenFor(id);
});
afterAll(() => stack.stop());

type Template = {
  id: string;
  version: number;
  builtIn: boolean;
  nodes: { kind: string; deadlineOffsetDays: number }[];
};

describe('offboarding templates', () => {
  it('ship with defaults for sales leads, sales, engineering, managers and everyone else', async () => {
    const listed = await api.get('/v1/offboarding-templates', token.E1041 as string);
    expect(listed.status).toBe(200);
    expect((listed.body.items as unknown as Template[]).map((t) => [t.id, t.version, t.builtIn])).toEqual([
      ['sales-lead', 0, true],
      ['sales', 0, true],
      ['engineering', 0, true],
      ['manager', 0, true],
      ['general', 0, true],
    ]);
    expectProblem(await api.get('/v1/offboarding-templates', token.E1061 as string), 403);
  });

  it('are changed by HR admins only, checked as a whole, with If-Match', async () => {
    const engineering = (
      (await api.get('/v1/offboarding-templates', token.E1040 as string)).body.items as unknown as Template[]
    ).find((t) => t.id === 'engineering') as Template & Record<string, unknown>;
    const { version: _v, builtIn: _b, ...body } = engineering;
    const longer = {
      ...body,
      nodes: engineering.nodes.map((n) => (n.kind === 'work-report' ? { ...n, deadlineOffsetDays: -5 } : n)),
    };
    expectProblem(
      await api.put('/v1/offboarding-templates/engineering', token.E1041 as string, longer, '"v0"'),
      403,
    );
    // Permission comes before the precondition: no If-Match, or a stale one, is still a 403 for HR.
    for (const etag of ['', '"v7"'])
      expectProblem(
        await api.put('/v1/offboarding-templates/engineering', token.E1041 as string, longer, etag),
        403,
        'permission_denied',
      );
    expectProblem(
      await api.put('/v1/offboarding-templates/engineering', token.E1040 as string, longer, ''),
      428,
      'if_match_required',
    );
    const invalid = await api.put(
      '/v1/offboarding-templates/engineering',
      token.E1040 as string,
      {
        ...longer,
        nodes: [{ kind: 'assets', deadlineOffsetDays: 0, remindDaysBefore: [1], confirmedBy: 'successor' }],
      },
      '"v0"',
    );
    expectProblem(invalid, 400);
    expect(JSON.stringify(invalid.body)).toContain('nodes.0.confirmedBy');
    const one = await api.get('/v1/offboarding-templates/engineering', token.E1040 as string);
    expect(one.body).toEqual(engineering);
    expect(one.headers.get('etag')).toBe('"v0"');
    expectProblem(await api.get('/v1/offboarding-templates/nobody', token.E1040 as string), 404);
    const stored = await api.put(
      '/v1/offboarding-templates/engineering',
      token.E1040 as string,
      longer,
      one.headers.get('etag') as string,
    );
    expect(stored.status).toBe(200);
    expect(stored.headers.get('etag')).toBe('"v1"');
    expect(
      (await api.get('/v1/offboarding-templates/engineering', token.E1040 as string)).headers.get('etag'),
    ).toBe('"v1"');
    expectProblem(
      await api.put('/v1/offboarding-templates/engineering', token.E1040 as string, longer, '"v0"'),
      412,
    );
  });

  it('shape the next case: an engineer now hands over the work report five days before the last day', async () => {
    const submitted = await api.post('/v1/employees/E1022/resignation', token.E1022 as string, {
      lastWorkingDay: '2026-11-20',
      reason: 'Moving on',
    });
    await stack.catchUp();
    const c = await api.get(`/v1/offboarding/${submitted.body.id}`, token.E1041 as string);
    expect(c.body.templateId).toBe('engineering');
    expect((c.body.nodes as { kind: string; deadline: string }[])[0]).toMatchObject({
      kind: 'work-report',
      deadline: '2026-11-15T16:00:00.000Z', // the end of 11-15, five days before the 20th
    });
  });

  it('can be chosen by HR for one case', async () => {
    expectProblem(
      await api.post('/v1/employees/E1051/resignation', token.E1051 as string, {
        lastWorkingDay: '2026-11-20',
        reason: 'Moving on',
        templateId: 'sales',
      }),
      403,
    );
    const submitted = await api.post('/v1/employees/E1051/resignation', token.E1041 as string, {
      lastWorkingDay: '2026-11-20',
      reason: 'Recorded by HR',
      templateId: 'manager',
    });
    expect(submitted.status).toBe(201);
    await stack.catchUp();
    const c = await api.get(`/v1/offboarding/${submitted.body.id}`, token.E1041 as string);
    expect(c.body.templateId).toBe('manager');
    expect((c.body.nodes as { sections?: string[] }[])[0]?.sections).toEqual(
      expect.arrayContaining(['team', 'openApprovals']),
    );
  });
});

describe('assets', () => {
  it('are recorded by the admin office, added to a case, and confirmed lost with a cost', async () => {
    expectProblem(
      await api.post('/v1/employees/E1022/assets', token.E1061 as string, { kind: 'phone', name: 'iPhone' }),
      403,
    );
    const recorded = await api.post('/v1/employees/E1061/assets', token.E1050 as string, {
      kind: 'badge',
      name: '门禁卡 Access badge',
    });
    expect(recorded.status).toBe(201);

    const cases = await api.get('/v1/offboarding?status=open', token.E1041 as string);
    const engineer = (cases.body.items as { id: string; employeeId: string }[]).find(
      (c) => c.employeeId === 'E1022',
    );
    const added = await api.post(`/v1/offboarding/${engineer?.id}/assets`, token.E1050 as string, {
      kind: 'phone',
      name: '测试手机 Test phone',
      serial: 'SN-42',
    });
    expect(added.status).toBe(200);
    const phone = (
      added.body.items as unknown as { assets: { items: { id: string; snapshot: { name: string } }[] } }
    ).assets.items.find((a) => a.snapshot.name === '测试手机 Test phone');
    const lost = await api.post(
      `/v1/offboarding/${engineer?.id}/assets/${phone?.id}/confirm`,
      token.E1050 as string,
      {
        status: 'lost',
        note: '遗失 Lost on a trip',
        costMinor: 350000,
      },
    );
    expect(lost.status).toBe(200);
    const evidence = await api.get(
      '/v1/evidence?subject=employee:E1022&action=handover.asset-lost',
      token.E1040 as string,
    );
    expect(evidence.body.items?.[0]?.details).toMatchObject({ asset: phone?.id, costMinor: 350000 });
  });
});
