import { makeInbox } from '#adapters/aws/communication/inbox.ts';
import { makeEvidenceLog } from '#adapters/aws/evidence/evidenceLog.ts';
import { makeResignationStore } from '#adapters/aws/offboarding/resignationStore.ts';
import { makeAccessStore } from '#adapters/aws/people/accessStore.ts';
import { makeCognitoIdentity } from '#adapters/aws/people/cognitoIdentity.ts';
import { makeEmployeeStore } from '#adapters/aws/people/employeeStore.ts';
import { dynamo } from '#adapters/aws/platform/dynamodb.ts';
import { makeEventBridgeScheduler } from '#adapters/aws/platform/eventBridgeScheduler.ts';
import { makeHrTable } from '#adapters/aws/platform/hrTable.ts';
import { config } from '#adapters/config.ts';
import { clock, resolvePort } from '#adapters/runtimePorts.ts';
import type { ResignationDeps, StageDeps } from '#app/offboarding/resignations/deps.ts';
import { functionIds } from './functionIds.ts';
import { revocationPolicy } from './policy.ts';

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
