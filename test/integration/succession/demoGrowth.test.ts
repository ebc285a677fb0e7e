import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHrTable } from '#adapters/aws/platform/hrTable.ts';
import { loadDemoGrowth } from '#infra/local/demo/demoGrowth.ts';
import { loadDemoReviews } from '#infra/local/demo/demoReviews.ts';
import { client } from '../support/http.ts';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.ts';

/** Scenarios 11 and 12 as `npm start -- --demo` tells them (infra/local/demo/demoGrowth.ts). */
let stack: TestRuntime;
let api: ReturnType<typeof client>;
let demo: Awaited<ReturnType<typeof loadDemoGrowth>>;
let hr: string;

beforeAll(async () => {
  stack = await startTestRuntime();
  api = client(stack);
  await stack.loadDemo();
  const reviews = await loadDemoReviews({
    url: stack.url,
    token: (id) => stack.tokenFor(id),
    today: '2026-11-02',
    settle: async () => {
      await stack.catchUp();
    },
  });
  demo = await loadDemoGrowth({
    url: stack.url,
    token: (id) => stack.tokenFor(id),
    table: makeHrTable(stack.clients.dynamo, stack.names.tables.hr),
    timeZone: 'Asia/Shanghai',
    dealsAloneKpiId: reviews.kpis[0] as string,
  });
  hr = await stack.tokenFor('E1041');
});
afterAll(() => stack.stop());

describe('the demo company’s growth', () => {
  it('has a key-account course whose trainees passed, rose to level 3, and closed more alone than their colleagues', async () => {
    const skills = await api.get('/v1/employees/E1008/skills', await stack.tokenFor('E1008'));
    expect(skills.body.required).toMatchObject([
      {
        skillId: 'key_account_followup',
        required: 3,
        evidenced: 3,
        gap: 0,
        basis: { source: 'training_certificate' },
      },
    ]);
    const effect = await api.get(`/v1/trainings/${demo.trainingId}/effectiveness`, hr);
    expect(effect.status, JSON.stringify(effect.body)).toBe(200);
    expect(effect.body).toMatchObject({ enrolled: 4, completed: 4, learning: { compared: 4, passed: 4 } });
    const thirty = (
      effect.body.behaviour as { horizons: { days: number; effect?: number; trainees: { people: number } }[] }
    ).horizons[0];
    // The four who took it against the six representatives who did not (Li Lei has no colleague in his
    // position), over the same days: +5 deals closed alone against +3.
    expect(thirty).toMatchObject({
      days: 30,
      trainees: { people: 4, averageChange: 5 },
      comparison: { people: 6, averageChange: 3 },
      effect: 2,
    });
  });

  it('has Wang Fang’s position as a key position: Li Lei ready in about 6 months, E1004 not yet', async () => {
    const listed = await api.get(`/v1/key-positions/${demo.keyPositionId}/candidates`, hr);
    const candidates = listed.body.candidates as {
      employeeId: string;
      readiness: { status: string; months?: number; because: string[] };
      nineBox: { potential?: string };
    }[];
    expect(candidates.map((c) => [c.employeeId, c.readiness.status, c.readiness.months])).toEqual([
      ['E1003', 'ready_in_months', 6],
      ['E1004', 'not_yet', undefined],
    ]);
    expect(candidates[0]?.readiness.because).toEqual(['skills']);
    expect(candidates[0]?.nineBox.potential).toBe('high');
    const report = await api.get(`/v1/succession/report?keyPositionId=${demo.keyPositionId}`, hr);
    const line = (report.body.positions as { candidates: { line: { en: string } }[] }[])[0]?.candidates[0]
      ?.line.en;
    expect(line).toMatch(
      /^李雷, 高级销售 Senior Sales, score \d+, completed Key-account management, ready in about 6 months$/,
    );
  });
});
