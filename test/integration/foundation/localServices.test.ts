import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalScheduler } from '#adapters/local/localScheduler.ts';
import { TaskNoLongerWaitingError } from '#ports/platform/workflow.ts';
import { recordedCalls } from '../support/recorder/handler.ts';
import { recorderManifest, testWorkflow } from '../support/testManifest.ts';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.ts';

let stack: TestRuntime;
const day = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  stack = await startTestRuntime({ manifest: recorderManifest, workflows: [testWorkflow] });
});
afterAll(() => stack.stop());

const calls = (functionId: string) => recordedCalls(stack.clients.dynamo, stack.names.tables.hr, functionId);

describe('the local event bus', () => {
  it('delivers each event, in EventBridge shape, to every function the manifest subscribes, and no other', async () => {
    await stack.bus.publish([
      { detailType: 'ResignationSubmitted', detail: { key: 'r1', employeeId: 'E1' } },
    ]);
    // Delivery is asynchronous, as with EventBridge: nothing has run inside publish.
    expect(await calls('OnResignation')).toHaveLength(0);
    await stack.bus.drain();

    const [received] = await calls('OnResignation');
    expect(received?.event).toMatchObject({
      source: 'hr',
      'detail-type': 'ResignationSubmitted',
      detail: { key: 'r1', employeeId: 'E1' },
    });
    expect(await calls('AlsoOnResignation')).toHaveLength(1);
    expect(await calls('OnCompletion')).toHaveLength(0);
  });

  it('delivers again when a subscriber fails, so a passing failure loses nothing', async () => {
    await stack.bus.publish([{ detailType: 'OffboardingCompleted', detail: { key: 'c1', failTimes: 2 } }]);
    await stack.bus.drain();
    expect((await calls('OnCompletion')).filter((c) => c.key === 'c1')).toHaveLength(3);
    expect(stack.bus.failures).toEqual([]);
  });
});

describe('the local scheduler', () => {
  it('fires a one-time schedule when the clock reaches it, with its payload, then forgets it', async () => {
    const due = new Date(stack.clock.now().getTime() + 2 * day);
    await stack.scheduler.schedule({
      name: 'stage-key-accounts-E1',
      at: due,
      target: 'ScheduledStage',
      payload: { key: 's1' },
    });

    stack.clock.advance(day);
    await stack.catchUp();
    expect(await calls('ScheduledStage')).toHaveLength(0);

    stack.clock.advance(day);
    await stack.catchUp();
    const fired = await calls('ScheduledStage');
    expect(fired.map((c) => c.event)).toEqual([{ key: 's1' }]);
    expect(fired[0]?.at).toBe(due.toISOString());
    expect(await stack.scheduler.list()).toEqual([]);
  });

  it('moves a schedule that is scheduled again, and drops a cancelled one', async () => {
    const at = (days: number) => new Date(stack.clock.now().getTime() + days * day);
    await stack.scheduler.schedule({
      name: 'moved',
      at: at(5),
      target: 'ScheduledStage',
      payload: { key: 'moved' },
    });
    await stack.scheduler.schedule({
      name: 'moved',
      at: at(1),
      target: 'ScheduledStage',
      payload: { key: 'moved' },
    });
    await stack.scheduler.schedule({
      name: 'cancelled',
      at: at(1),
      target: 'ScheduledStage',
      payload: { key: 'cancelled' },
    });
    await stack.scheduler.cancel('cancelled');
    await stack.scheduler.cancel('never-existed');

    stack.clock.advance(day);
    await stack.catchUp();
    const keys = (await calls('ScheduledStage')).map((c) => c.key);
    expect(keys.filter((k) => k === 'moved')).toHaveLength(1);
    expect(keys).not.toContain('cancelled');
  });

  it('keeps schedules in DynamoDB, so a restarted scheduler still fires them', async () => {
    await stack.scheduler.schedule({
      name: 'survives',
      at: new Date(stack.clock.now().getTime() + day),
      target: 'ScheduledStage',
      payload: { key: 'survives' },
    });
    const restarted = new LocalScheduler({
      dynamo: stack.clients.dynamo,
      tableName: stack.names.schedulesTable,
      invoke: (id, event) => stack.functions.invoke(id, event),
      clock: stack.clock,
    });
    stack.clock.advance(day);
    expect(await restarted.fireDue()).toEqual(['survives']);
  });

  it('retries a failing target, then parks it as a dead letter instead of firing forever', async () => {
    await stack.scheduler.schedule({
      name: 'broken',
      at: stack.clock.now(),
      target: 'ScheduledStage',
      payload: { key: 'broken', fail: 'always' },
    });
    for (let n = 0; n < 4; n++) await stack.scheduler.fireDue();
    expect((await calls('ScheduledStage')).filter((c) => c.key === 'broken')).toHaveLength(3);
    expect(await stack.scheduler.list()).toMatchObject([{ name: 'broken', attempts: 3, deadLetter: true }]);
  });
});

describe('the local workflow (the synthesized ASL on aws-local-stepfunctions)', () => {
  const tokenFor = (execution: string, state: string) =>
    stack.workflow.waitingTasks().find((t) => t.executionName === execution && t.stateName === state)?.token;

  it('runs parallel branches, retries a flaky task, and waits for the token before completing', async () => {
    await stack.workflow.start('TestHandover', 'case-1', { caseId: 'case-1' });
    await stack.workflow.settle();

    const flaky = (await calls('TestTask')).filter((c) => c.key === 'case-1-Do flaky work');
    expect(flaky).toHaveLength(2);
    const token = tokenFor('case-1', 'Wait for approval');
    expect(token).toBeDefined();
    const [askedForApproval] = (await calls('TestTask')).filter((c) => c.key === 'case-1-Wait for approval');
    expect(askedForApproval?.event.token).toBe(token);
    expect(stack.workflow.executions.get('case-1')?.status).toBe('RUNNING');

    await stack.workflow.sendTaskSuccess(token ?? '', { approvedBy: 'E2' });
    await stack.workflow.settle();
    expect(stack.workflow.executions.get('case-1')).toMatchObject({ status: 'SUCCEEDED' });
    expect((await calls('TestTask')).map((c) => c.key)).toContain('case-1-Complete');
  });

  it('times out on the injected clock: reminds at the timeout, escalates at the next', async () => {
    await stack.workflow.start('TestHandover', 'case-2', { caseId: 'case-2' });
    await stack.workflow.settle();
    const steps = async () =>
      (await calls('TestTask')).filter((c) => c.key.startsWith('case-2-')).map((c) => c.key);

    stack.clock.advance(2 * day - 1000);
    await stack.catchUp();
    expect(await steps()).not.toContain('case-2-Remind');

    stack.clock.advance(1000);
    await stack.catchUp();
    expect(await steps()).toContain('case-2-Remind');
    expect(tokenFor('case-2', 'Wait after reminder')).toBeDefined();

    stack.clock.advance(day);
    await stack.catchUp();
    expect(await steps()).toContain('case-2-Escalate');
    expect(stack.workflow.executions.get('case-2')?.status).toBe('SUCCEEDED');
  });

  it('starts an execution once per name, and refuses a token that no longer waits', async () => {
    const before = stack.workflow.executions.size;
    await stack.workflow.start('TestHandover', 'case-1', { caseId: 'case-1' });
    expect(stack.workflow.executions.size).toBe(before);
    await expect(stack.workflow.start('TestHandover', 'case-1', { caseId: 'other' })).rejects.toThrow(
      /another input/,
    );
    await expect(stack.workflow.sendTaskSuccess('case-1:Wait for approval:gone', {})).rejects.toBeInstanceOf(
      TaskNoLongerWaitingError,
    );
  });
});
