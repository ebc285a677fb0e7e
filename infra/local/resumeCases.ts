import { makeCaseStore } from '#adapters/aws/offboarding/index.ts';
import { makeHrTable } from '#adapters/aws/platform/hrTable.ts';
import type { LocalWorkflow } from '#adapters/local/localWorkflow.ts';
import type { Clock } from '#kernel/clock.ts';
import type { LocalClients } from './clients.ts';

/**
 * Local executions live in memory and end with the process. When the runtime starts, every open case
 * gets a new execution that resumes it: the case in DynamoDB says where it stood. Returns their ids.
 */
export async function resumeOpenCases(options: {
  clients: LocalClients;
  hrTable: string;
  workflow: LocalWorkflow;
  clock: Clock;
}): Promise<string[]> {
  const cases = makeCaseStore(options.clients.dynamo, makeHrTable(options.clients.dynamo, options.hrTable));
  const resumed: string[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await cases.list('open', { limit: 100, ...(startKey ? { startKey } : {}) });
    for (const c of page.items) {
      await options.workflow.start('Handover', `${c.id}-resumed-${options.clock.now().getTime()}`, {
        detail: { employeeId: c.employeeId, resignationId: c.id, lastWorkingDay: c.lastWorkingDay },
        resume: true,
      });
      resumed.push(c.id);
    }
    startKey = page.nextKey;
  } while (startKey);
  return resumed;
}
