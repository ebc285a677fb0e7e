import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, expectProblem } from '../support/http.ts';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.ts';

let stack: TestRuntime;
let api: ReturnType<typeof client>;
let hr: string;

beforeAll(async () => {
  stack = await startTestRuntime();
  api = client(stack);
  await stack.loadDemo();
  hr = await stack.tokenFor('E1041');
});
afterAll(() => stack.stop());

describe('departments', () => {
  it('are added under a parent, listed by name for everyone, and renamed under optimistic locking', async () => {
    const created = await api.post('/v1/departments', hr, {
      id: 'D18',
      name: '大客户部 Key Accounts',
      parentId: 'D02',
      headId: 'E1002',
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/v1/departments/D18');
    const listed = await api.get('/v1/departments?limit=100', await stack.tokenFor('E1003'));
    expect(listed.body.items?.map((d) => d.id)).toContain('D18');
    const renamed = await api.patch(
      '/v1/departments/D18',
      hr,
      { name: '大客户部' },
      created.headers.get('etag') ?? '',
    );
    expect(renamed.body).toMatchObject({ name: '大客户部', version: 2 });
    expectProblem(
      await api.patch('/v1/departments/D18', hr, { name: 'Again' }, created.headers.get('etag') ?? ''),
      412,
    );
  });

  it('refuses a parent below the department itself, a parent or head that does not exist, and a taken id', async () => {
    const circle = await api.change('/v1/departments/D02', hr, { parentId: 'D18' });
    expectProblem(circle, 400, 'department_cycle');
    expect(circle.body.errors).toEqual([{ field: 'body.parentId', message: 'D18 is inside D02' }]);
    const noParent = await api.post('/v1/departments', hr, { id: 'D19', name: 'X', parentId: 'D77' });
    expect(noParent.body.errors).toEqual([
      { field: 'body.parentId', message: 'Department D77 does not exist' },
    ]);
    const noHead = await api.post('/v1/departments', hr, { id: 'D19', name: 'X', headId: 'E9999' });
    expect(noHead.body.errors).toEqual([{ field: 'body.headId', message: 'Employee E9999 does not exist' }]);
    expectProblem(
      await api.post('/v1/departments', hr, { id: 'D02', name: 'Sales again' }),
      409,
      'department_exists',
    );
    expectProblem(await api.get('/v1/departments/D19', hr), 404);
  });
});
