import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, expectProblem } from '../support/http.ts';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.ts';

/**
 * HR brings the company's customer book in from CSV, as an import job: owners by employee id, every
 * row checked first, files too large for a request uploaded through a pre-signed link.
 */
let stack: TestRuntime;
let api: ReturnType<typeof client>;
const token: Record<string, string> = {};

type Job = {
  id: string;
  status: string;
  rows?: number;
  rowsFailed: number;
  created: number;
  issues: { line: number; column: string }[];
  errorReport?: string;
};

const header = 'name,industry,region,tier,ownerId,preferences,tags';
const book = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    [
      `"苏州精工 ${i}, Ltd"`,
      '制造 Manufacturing',
      '华东 East China',
      i % 25 === 0 ? 'key' : 'standard',
      i % 2 === 0 ? 'E1003' : 'E1014',
      '',
      'imported|2026',
    ].join(','),
  );

/** Uploads a file through its pre-signed link and imports it; the job runs to its end. */
async function importThroughUpload(csv: string) {
  const link = await api.post('/v1/customers/imports/uploads', token.E1041 as string, undefined);
  expect(link.status).toBe(201);
  const put = await fetch(String(link.body.url), {
    method: 'PUT',
    headers: { 'content-type': 'text/csv' },
    body: csv,
  });
  expect(put.ok).toBe(true);
  const sent = await api.post(
    `/v1/customers/imports/uploads/${link.body.uploadId}`,
    token.E1041 as string,
    undefined,
  );
  expect(sent.status).toBe(202);
  await stack.catchUp();
  return (await api.get(`/v1/customers/imports/${sent.body.id}`, token.E1041 as string))
    .body as unknown as Job;
}

beforeAll(async () => {
  stack = await startTestRuntime();
  api = client(stack);
  await stack.loadDemo();
  for (const id of ['E1003', 'E1041']) token[id] = await stack.tokenFor(id);
});
afterAll(() => stack.stop());

describe('importing the customer book', () => {
  it('refuses a file with bad rows, naming each, and writes none of it', async () => {
    const rows = book(40);
    rows[3] = rows[3]?.replace(',E1014,', ',E9999,') ?? '';
    rows[7] = rows[7]?.replace(',standard,', ',gold,') ?? '';
    const job = await importThroughUpload(`${header}\n${rows.join('\n')}\n`);
    expect(job).toMatchObject({ status: 'refused', rows: 40, rowsFailed: 2, created: 0 });
    expect(job.issues.map((i) => `${i.line}.${i.column}`).sort()).toEqual(['5.ownerId', '9.tier']);
    const report = await (await fetch(job.errorReport as string)).text();
    expect(report).toContain('5,ownerId,E9999 is not a current employee');
    const mine = await api.get('/v1/customers?ownerId=E1003&limit=100', token.E1041 as string);
    expect(JSON.stringify(mine.body)).not.toContain('苏州精工');
  });

  it('imports 300 customers with their owners and a first history entry each', async () => {
    const job = await importThroughUpload(`${header}\n${book(300).join('\n')}\n`);
    expect(job).toMatchObject({ status: 'completed', rows: 300, created: 300, rowsFailed: 0 });
    const theirs: { id: string; name: string }[] = [];
    for (let cursor: string | undefined, first = true; first || cursor; first = false) {
      const page = await api.get(
        `/v1/customers?ownerId=E1003&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        token.E1041 as string,
      );
      theirs.push(...((page.body.items ?? []) as { id: string; name: string }[]));
      cursor = page.body.nextCursor as string | undefined;
    }
    const imported = theirs.filter((c) => c.name.startsWith('苏州精工'));
    expect(imported).toHaveLength(150);
    const history = await api.get(`/v1/customers/${imported[0]?.id}/history`, token.E1041 as string);
    expect(JSON.stringify(history.body)).toContain('Imported from CSV');
    const evidence = await api.get(`/v1/evidence?subject=import:${job.id}`, token.E1041 as string);
    expect(evidence.body.items?.[0]).toMatchObject({
      action: 'customers.imported',
      details: { created: 300 },
    });
  });

  it('lets only those who may import customers send files or ask for upload links', async () => {
    const csv = `${header}\n${book(1).join('\n')}\n`;
    const sent = await stack.request('/v1/customers/imports', {
      method: 'POST',
      token: token.E1003 as string,
      headers: { 'content-type': 'text/csv' },
      body: csv,
    });
    expect(sent.status).toBe(403);
    expectProblem(await api.post('/v1/customers/imports/uploads', token.E1003 as string, undefined), 403);
    expectProblem(
      await api.post(`/v1/customers/imports/uploads/${'0'.repeat(32)}`, token.E1041 as string, undefined),
      404,
    );
  });
});
