import { scheduledEvent } from '#infra/local/dailyJobs.ts';
import { benchStack, countDynamodbCalls } from './localStack.ts';
import { percentile, table } from './stats.ts';

/**
 * Resignations through the local HTTP API: how long from sending a resignation until the immediate
 * stage is enforced (the next export request refused), what a submission costs in DynamoDB calls,
 * how long the planner takes to schedule the later stages, and a compliance sweep over them all.
 */
const resignations = Number(process.env.BENCH_RESIGNATIONS ?? 100);

export async function offboardingReport(): Promise<string> {
  // The handover workflow is off: in AWS it runs beside, not in, these requests (its own section measures it).
  const stack = await benchStack({ workflows: [] });
  try {
    const hr = await stack.tokenFor('E1040');
    const call = async (method: string, path: string, token: string, body?: unknown) => {
      const response = await fetch(`${stack.runtime.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      await response.arrayBuffer();
      return response.status;
    };
    // Salespeople with the export permission, each about to resign.
    const people: { id: string; token: string }[] = [];
    for (let n = 0; n < resignations; n++) {
      const id = `E${5000 + n}`;
      const created = await call('POST', '/v1/employees', hr, {
        id,
        name: `销售${n}`,
        workEmail: `${id.toLowerCase()}@hongtu.example`,
        phone: '+86 138 0000 0000',
        departmentId: 'D02',
        position: '销售 Sales Representative',
        managerId: 'E1001',
        hireDate: '2026-11-02',
        hireChannel: 'campus',
        site: '上海 Shanghai',
        timeZone: 'Asia/Shanghai',
        roles: ['employee', 'manager'],
      });
      if (created !== 201) throw new Error(`creating ${id}: ${created}`);
      await call('POST', `/v1/employees/${id}/permissions/customer:export/grant`, hr, { reason: 'Bench' });
      people.push({
        id,
        token: await stack.runtime.identityProvider.issue({
          employeeId: id,
          groups: ['employee', 'manager'],
        }),
      });
    }
    await stack.runtime.catchUp();

    const calls = await countDynamodbCalls();
    calls.reset();
    const submit: number[] = [];
    const enforced: number[] = [];
    for (const person of people) {
      const started = performance.now();
      const status = await call('POST', `/v1/employees/${person.id}/resignation`, person.token, {
        lastWorkingDay: '2026-11-20',
        reason: 'Benchmark',
      });
      const submitted = performance.now();
      if (status !== 201) throw new Error(`resignation of ${person.id}: ${status}`);
      submit.push(submitted - started);
      // The next request with the same token: the export is refused already.
      if ((await call('POST', '/v1/customers/exports', person.token, {})) !== 403)
        throw new Error(`export of ${person.id} was not refused`);
      enforced.push(performance.now() - started);
    }
    const submitCalls = calls.describe(resignations);

    const planning = performance.now();
    await stack.runtime.bus.drain();
    const planMs = performance.now() - planning;
    const schedules = (await stack.runtime.scheduler.list()).length;

    const sweeping = performance.now();
    await stack.runtime.functions.invoke('ComplianceSweep', scheduledEvent('ComplianceSweep', new Date()));
    const sweepMs = performance.now() - sweeping;

    const rows = [
      ['', 'p50 ms', 'p99 ms'],
      [
        'POST …/resignation (immediate stage in the same transaction)',
        percentile(submit, 50).toFixed(2),
        percentile(submit, 99).toFixed(2),
      ],
      [
        'submission → next export refused (same token)',
        percentile(enforced, 50).toFixed(2),
        percentile(enforced, 99).toFixed(2),
      ],
    ];
    return [
      table(rows),
      `DynamoDB calls per resignation (submission, the refused export after it, and the planner running alongside; the handover workflow is measured in its own section): ${submitCalls}`,
      `planner: ${schedules} schedules for ${resignations} resignations, planned alongside the submissions (${planMs.toFixed(0)} ms of planning left after the last one)`,
      `compliance sweep over ${resignations} open resignations with nothing to fix: ${sweepMs.toFixed(0)} ms`,
    ].join('\n');
  } finally {
    await stack.stop();
  }
}

if (import.meta.main) console.log(await offboardingReport());
