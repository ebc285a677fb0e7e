import type { ResignationDeps, StageDeps } from '#app/resignations/deps.ts';
import { config } from '../config.ts';
import { functionIds } from '../functionIds.ts';
import { revocationPolicy } from '../policy.ts';
import { clock, resolvePort } from '../runtimePorts.ts';
import { makeAccessStore } from './accessStore.ts';
import { makeCognitoIdentity } from './cognitoIdentity.ts';
import { dynamo } from './dynamodb.ts';
import { makeEmployeeStore } from './employeeStore.ts';
import { makeEventBridgeScheduler } from './eventBridgeScheduler.ts';
import { makeEvidenceLog } from './evidenceLog.ts';
import { makeHrTable } from './hrTable.ts';
import { makeInbox } from './inbox.ts';
import { makeResignationStore } from './resignationStore.ts';

/** What applying a stage needs: the revocation function has no scheduler and no inbox. */
export function stageDeps(): StageDeps {
  const table = makeHrTable(dynamo, config('hrTable'));
  return {
    employees: makeEmployeeStore(table),
    access: makeAccessStore(dynamo, config('hrTable')),
    resignations: makeResignationStore(table),
    evidence: makeEvidenceLog(dynamo, config('evidenceTable'), clock),
    identity: resolvePort('identity', () => makeCognitoIdentity(config('userPoolId'))),
    clock,
  };
}

/** Everything the planner and the compliance sweep need. */
export function resignationDeps(): ResignationDeps {
  const table = makeHrTable(dynamo, config('hrTable'));
  return {
    ...stageDeps(),
    scheduler: resolvePort('scheduler', () =>
      makeEventBridgeScheduler({
        groupName: config('scheduleGroup'),
        timeZone: config('companyTimeZone'),
        roleArn: config('schedulerRoleArn'),
        deadLetterArn: config('schedulerDeadLetterArn'),
        // Read when a schedule is made: the ARNs are JSON, { "<manifest id>": "<function ARN>" }.
        targetArn: (id) => (JSON.parse(config('scheduleTargets')) as Record<string, string>)[id],
      }),
    ),
    notifier: makeInbox(dynamo, table, clock),
    writes: table,
    policy: revocationPolicy(),
    revocationTarget: functionIds.revocation,
  };
}
