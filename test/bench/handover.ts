import { benchStack } from './localStack.ts';
import { table } from './stats.ts';

/**
 * Scenario 1 on the local stack, as the story runs it (reminders and the D−7 stage included), to
 * count the Step Functions state transitions of one offboarding and price them. Standard workflows
 * cost $0.025 per 1,000 transitions (us-east-1; the first 4,000 a month are free).
 */
const pricePerTransition = 0.025 / 1000;

export async function handoverReport(): Promise<string> {
  const stack = await benchStack();
  try {
    const runtime = stack.runtime;
    const call = async (
      method: string,
      path: string,
      as: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ) => {
      const response = await fetch(`${runtime.url}${path}`, {
        method,
        headers: {
          // Fresh each time: the bench's clock moves days ahead.
          authorization: `Bearer ${await stack.tokenFor(as)}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text}`);
      return {
        body: (text ? JSON.parse(text) : undefined) as Record<string, unknown>,
        headers: response.headers,
      };
    };

    const submitted = await call('POST', '/v1/employees/E1002/resignation', 'E1002', {
      lastWorkingDay: '2026-11-16',
      reason: 'Bench',
      successorIds: ['E1003'],
    });
    const caseId = String(submitted.body.id);
    await runtime.catchUp();
    type Case = {
      items: {
        customers: { id: string; sha256: string }[];
        workReport: { version: number };
        team: { id: string }[];
        assets: { id: string }[];
      };
    };
    /** The case with every node's items: the first page it carries, then the rest page by page. */
    const read = async () => {
      const c = (await call('GET', `/v1/offboarding/${caseId}`, 'E1002')).body as {
        items: Record<string, { items?: unknown[]; nextCursor?: string }>;
      };
      for (const node of ['customers', 'team', 'assets']) {
        const page = c.items[node];
        if (!page?.items) continue;
        const all = [...page.items];
        for (let cursor = page.nextCursor; cursor; ) {
          const next = await call(
            'GET',
            `/v1/offboarding/${caseId}/items?node=${node}&limit=100&cursor=${encodeURIComponent(cursor)}`,
            'E1002',
          );
          all.push(...(next.body.items as unknown[]));
          cursor = next.body.nextCursor as string | undefined;
        }
        c.items[node] = all as never;
      }
      return c as unknown as Case;
    };
    const c = await read();

    // The story's days: key accounts go at D−7; Li Lei accepts most customers early, the rest after a reminder.
    stack.clock.set('2026-11-08T16:00:00.000Z');
    await runtime.catchUp();
    const accept = (items: Case['items']['customers']) =>
      call('POST', `/v1/offboarding/${caseId}/customers/accept`, 'E1003', {
        items: items.map((i) => ({ customerId: i.id, sha256: i.sha256 })),
      });
    for (const item of c.items.customers.slice(0, 5)) await accept([item]);
    await accept(c.items.customers.slice(5, 37));
    stack.clock.set('2026-11-11T16:00:00.000Z');
    await runtime.catchUp();
    const entry = [{ title: 'Bench', details: '—' }];
    await call(
      'PUT',
      `/v1/offboarding/${caseId}/work-report`,
      'E1002',
      {
        sections: {
          openProjects: entry,
          pendingTasks: entry,
          documentLocations: entry,
          accountsToHandOver: entry,
          openApprovals: entry,
        },
      },
      { 'if-match': `"v${c.items.workReport.version}"` },
    );
    await call('POST', `/v1/offboarding/${caseId}/work-report/submit`, 'E1002');
    await call('POST', `/v1/offboarding/${caseId}/work-report/approve`, 'E1001', {});
    // Her team goes to Li Lei, and Li Lei himself to the other sales team lead.
    await call('POST', `/v1/offboarding/${caseId}/team/assign`, 'E1001', {
      items: c.items.team.map((i) => ({
        employeeId: i.id,
        newManagerId: i.id === 'E1003' ? 'E1013' : 'E1003',
      })),
    });
    const toLiLei = c.items.team.filter((i) => i.id !== 'E1003').map((i) => i.id);
    await call('POST', `/v1/offboarding/${caseId}/team/confirm`, 'E1003', { employeeIds: toLiLei });
    await call('POST', `/v1/offboarding/${caseId}/team/confirm`, 'E1013', { employeeIds: ['E1003'] });
    for (const asset of c.items.assets)
      await call('POST', `/v1/offboarding/${caseId}/assets/${asset.id}/confirm`, 'E1050', {
        status: 'returned',
      });
    await runtime.catchUp();
    const started = performance.now();
    await accept(c.items.customers.slice(37));
    await runtime.catchUp();
    const closingMs = performance.now() - started;

    const execution = [...runtime.workflow.executions.values()].find((e) =>
      JSON.stringify(e.input).includes(caseId),
    );
    if (execution?.status !== 'SUCCEEDED')
      throw new Error(`The handover did not finish: ${execution?.status}`);
    const rows = [
      ['', 'value'],
      [
        'state transitions, scenario 1 (4 nodes, 40 customers, her team, reminders, D−7)',
        execution.transitions,
      ],
      ['of which Task states entered', execution.taskStates.length],
      [
        'Step Functions cost per offboarding (USD, Standard, us-east-1)',
        `$${(execution.transitions * pricePerTransition).toFixed(5)}`,
      ],
      ['offboardings per $1', Math.floor(1 / (execution.transitions * pricePerTransition))],
      ['last acceptance → case completed (local stack, ms)', closingMs.toFixed(0)],
    ];
    return table(rows);
  } finally {
    await stack.stop();
  }
}

if (import.meta.main) console.log(await handoverReport());
