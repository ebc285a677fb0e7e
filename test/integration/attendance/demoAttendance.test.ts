import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHrTable } from '#adapters/aws/platform/hrTable.ts';
import { loadDemoAttendance } from '#infra/local/demo/demoAttendance.ts';
import { client } from '../support/http.ts';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.ts';

/** The attendance story as `npm start -- --demo` tells it (infra/local/demo/demoAttendance.ts). */
let stack: TestRuntime;
let api: ReturnType<typeof client>;
let demo: Awaited<ReturnType<typeof loadDemoAttendance>>;

beforeAll(async () => {
  stack = await startTestRuntime();
  api = client(stack);
  await stack.loadDemo();
  demo = await loadDemoAttendance({
    url: stack.url,
    token: (id) => stack.tokenFor(id),
    table: makeHrTable(stack.clients.dynamo, stack.names.tables.hr),
    today: '2026-11-02',
    now: stack.clock.now(),
    closeDays: async () => {
      stack.clock.set('2026-11-02T02:00:00Z'); // the next hourly run
      await stack.catchUp();
    },
  });
});
afterAll(() => stack.stop());

describe('the demo company’s attendance', () => {
  it('has the past week punched at two sites, in their zones', async () => {
    expect(demo.workdays).toEqual(['2026-10-26', '2026-10-27', '2026-10-28', '2026-10-29', '2026-10-30']);
    const hr = await stack.tokenFor('E1041');
    const shanghai = await api.get('/v1/attendance/report?month=2026-10&siteId=shanghai-hq', hr);
    const liLei = (shanghai.body.people as { employeeId: string; totals: Record<string, unknown> }[]).find(
      (p) => p.employeeId === 'E1003',
    );
    expect(liLei?.totals).toMatchObject({
      present: 5,
      late: { days: 1, minutes: 25 },
      workedMinutes: 4 * 490 + 460,
    });
    const london = await api.get('/v1/attendance/report?month=2026-10&siteId=london-desk', hr);
    expect((london.body.people as unknown[]).length).toBe(7);
    expect(JSON.stringify(london.body)).toContain('Europe/London');
  });

  it('holds Wang Fang’s two claims of three hours against the five minutes her punches show', async () => {
    const claims = await api.get(
      '/v1/overtime-claims?employeeId=E1002&month=2026-10',
      await stack.tokenFor('E1001'),
    );
    expect(claims.body).toMatchObject({
      totals: { claims: 2, claimedMinutes: 360, evidencedMinutes: 10, flagged: 2 },
      items: [
        {
          workDate: '2026-10-29',
          flagged: true,
          excessMinutes: 175,
          approver: { employeeId: 'E1001' },
          repeatedReason: { count: 0 },
        },
        { workDate: '2026-10-30', flagged: true, excessMinutes: 175, repeatedReason: { count: 1 } },
      ],
    });
    expect((claims.body.items as { keyPerson?: unknown }[])[0]?.keyPerson).toBeDefined();
  });
});
