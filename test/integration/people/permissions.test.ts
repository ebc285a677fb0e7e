import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEvidenceLog } from '#adapters/aws/evidence/evidenceLog.ts';
import { client, expectProblem } from '../support/http.ts';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.ts';

let stack: TestRuntime;
let api: ReturnType<typeof client>;
let hrAdmin: string;
let liLei: string;
let hr: string;

beforeAll(async () => {
  stack = await startTestRuntime();
  api = client(stack);
  await stack.loadDemo();
  hrAdmin = await stack.tokenFor('E1040');
  liLei = await stack.tokenFor('E1003');
  hr = await stack.tokenFor('E1041');
});
afterAll(() => stack.stop());

describe('permissions', () => {
  it('shows the effective permissions with their sources to oneself and HR, and to nobody else', async () => {
    const own = await api.get('/v1/employees/E1003/permissions', liLei);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ employeeId: 'E1003', status: 'enabled', roles: ['employee'] });
    expect(own.body.permissions).toContainEqual({
      permission: 'customer:read:own',
      sources: ['role:employee'],
    });
    expect((await api.get('/v1/employees/E1003/permissions', hr)).status).toBe(200);
    expectProblem(await api.get('/v1/employees/E1002/permissions', liLei), 403);
    expectProblem(await api.get('/v1/employees/E9999/permissions', hr), 404);
  });

  it('refuses a revoked permission on the very next request with the same token, with evidence of who, why and when', async () => {
    expect((await api.get('/v1/employees/E1002', liLei)).status).toBe(200);
    stack.clock.advance(60_000);
    const revoked = await api.post(
      '/v1/employees/E1003/permissions/employee:read:directory/revoke',
      hrAdmin,
      {
        reason: 'Investigation of a data leak',
      },
    );
    expect(revoked.status).toBe(200);
    expect((revoked.body.permissions as { permission: string }[]).map((p) => p.permission)).not.toContain(
      'employee:read:directory',
    );
    expectProblem(await api.get('/v1/employees/E1002', liLei), 403, 'permission_denied');
    // His own record stays readable: that needs no permission.
    expect((await api.get('/v1/employees/E1003', liLei)).status).toBe(200);

    const evidence = await api.get('/v1/evidence?subject=employee:E1003&action=permission.revoked', hrAdmin);
    expect(evidence.body.items).toHaveLength(1);
    expect(evidence.body.items?.[0]).toMatchObject({
      actor: 'E1040',
      action: 'permission.revoked',
      subject: 'employee:E1003',
      reason: 'Investigation of a data leak',
      at: stack.clock.now().toISOString(),
      details: {
        permission: 'employee:read:directory',
        previousDecision: null,
        heldBefore: true,
        heldAfter: false,
      },
    });
  });

  it('restores it with a grant, also recorded; deciding the same again changes nothing', async () => {
    const restored = await api.post(
      '/v1/employees/E1003/permissions/employee:read:directory/grant',
      hrAdmin,
      {
        reason: 'Cleared',
      },
    );
    expect(restored.body.permissions).toContainEqual({
      permission: 'employee:read:directory',
      sources: ['role:employee', 'grant'],
    });
    expect((await api.get('/v1/employees/E1002', liLei)).status).toBe(200);
    await api.post('/v1/employees/E1003/permissions/employee:read:directory/grant', hrAdmin, {
      reason: 'Again',
    });
    const grants = await api.get('/v1/evidence?subject=employee:E1003&action=permission.granted', hrAdmin);
    expect(grants.body.items).toHaveLength(1);
    expect(grants.body.items?.[0]).toMatchObject({ actor: 'E1040', reason: 'Cleared' });
  });

  it('lets only HR admins decide, never about themselves, always with a reason', async () => {
    expectProblem(
      await api.post('/v1/employees/E1003/permissions/customer:export/grant', hr, { reason: 'Please' }),
      403,
    );
    expectProblem(
      await api.post('/v1/employees/E1040/permissions/backup:manage/revoke', hrAdmin, {
        reason: 'Testing myself',
      }),
      403,
      'self_decision',
    );
    const noReason = await api.post('/v1/employees/E1003/permissions/customer:export/grant', hrAdmin, {});
    expect(noReason.body.errors).toEqual([expect.objectContaining({ field: 'body.reason' })]);
    const unknown = await api.post('/v1/employees/E1003/permissions/everything/grant', hrAdmin, {
      reason: 'Because',
    });
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'params.permission' })]);
  });

  it('keeps the evidence chain intact through all of it', async () => {
    const verified = await makeEvidenceLog(
      stack.clients.dynamo,
      stack.names.tables.evidence,
      stack.clock,
    ).verify();
    expect(verified).toMatchObject({ intact: true });
    expect(verified.entries).toBeGreaterThanOrEqual(2);
  });
});
