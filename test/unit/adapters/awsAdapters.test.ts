import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import {
  ExecutionAlreadyExists,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { secretsManagerCursorKey } from '#adapters/aws/platform/cursorKey.ts';
import { makeEventBridgeBus } from '#adapters/aws/platform/eventBridgeBus.ts';
import { atExpression, makeEventBridgeScheduler } from '#adapters/aws/platform/eventBridgeScheduler.ts';
import { makePowertoolsMetrics } from '#adapters/aws/platform/powertoolsMetrics.ts';
import { makeStepFunctionsWorkflow } from '#adapters/aws/platform/stepFunctionsWorkflow.ts';
import { TaskNoLongerWaitingError } from '#ports/platform/workflow.ts';

// These adapters talk to services with no emulator: assert the exact requests they send.
const events = mockClient(EventBridgeClient);
const scheduler = mockClient(SchedulerClient);
const sfn = mockClient(SFNClient);
const secrets = mockClient(SecretsManagerClient);
beforeEach(() => {
  events.reset();
  scheduler.reset();
  sfn.reset();
  secrets.reset();
});

describe('EventBridge bus', () => {
  it('puts events on the hr bus with source hr, ten per call', async () => {
    events.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [] });
    const bus = makeEventBridgeBus('hr-bus', new EventBridgeClient({}));
    const many = Array.from({ length: 12 }, (_, n) => ({
      detailType: 'ResignationSubmitted',
      detail: { n },
    }));
    await bus.publish(many);
    const calls = events.commandCalls(PutEventsCommand);
    expect(calls.map((c) => c.args[0].input.Entries?.length)).toEqual([10, 2]);
    expect(calls[0]?.args[0].input.Entries?.[0]).toEqual({
      Source: 'hr',
      EventBusName: 'hr-bus',
      DetailType: 'ResignationSubmitted',
      Detail: '{"n":0}',
    });
  });

  it('retries the entries EventBridge refused, and fails loudly if they are refused again', async () => {
    events
      .on(PutEventsCommand)
      .resolvesOnce({ FailedEntryCount: 1, Entries: [{ EventId: '1' }, { ErrorCode: 'InternalFailure' }] })
      .resolvesOnce({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure' }] });
    const bus = makeEventBridgeBus('hr-bus', new EventBridgeClient({}));
    await expect(
      bus.publish([
        { detailType: 'A', detail: {} },
        { detailType: 'B', detail: {} },
      ]),
    ).rejects.toThrow(/refused B/);
    expect(events.commandCalls(PutEventsCommand)[1]?.args[0].input.Entries?.map((e) => e.DetailType)).toEqual(
      ['B'],
    );
  });
});

describe('EventBridge Scheduler', () => {
  const settings = {
    groupName: 'hr-schedules',
    timeZone: 'Asia/Shanghai',
    roleArn: 'arn:aws:iam::1:role/scheduler',
    deadLetterArn: 'arn:aws:sqs:cn-north-1:1:dlq',
    targetArn: (id: string) => (id === 'Revoke' ? 'arn:aws:lambda:cn-north-1:1:function:revoke' : undefined),
  };

  it('writes at() in the company time zone', () => {
    expect(atExpression(new Date('2026-11-19T16:00:00Z'), 'Asia/Shanghai')).toBe('at(2026-11-20T00:00:00)');
    expect(atExpression(new Date('2026-07-01T22:30:05Z'), 'Europe/Berlin')).toBe('at(2026-07-02T00:30:05)');
  });

  it('creates a one-time schedule that deletes itself, retries, and dead-letters', async () => {
    scheduler.on(CreateScheduleCommand).resolves({});
    await makeEventBridgeScheduler(settings, new SchedulerClient({})).schedule({
      name: 'E1-key-accounts',
      at: new Date('2026-11-19T16:00:00Z'),
      target: 'Revoke',
      payload: { employeeId: 'E1', stage: 'key-accounts' },
    });
    expect(scheduler.commandCalls(CreateScheduleCommand)[0]?.args[0].input).toEqual({
      Name: 'E1-key-accounts',
      GroupName: 'hr-schedules',
      ScheduleExpression: 'at(2026-11-20T00:00:00)',
      ScheduleExpressionTimezone: 'Asia/Shanghai',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: {
        Arn: 'arn:aws:lambda:cn-north-1:1:function:revoke',
        RoleArn: 'arn:aws:iam::1:role/scheduler',
        Input: '{"employeeId":"E1","stage":"key-accounts"}',
        RetryPolicy: { MaximumRetryAttempts: 20, MaximumEventAgeInSeconds: 86400 },
        DeadLetterConfig: { Arn: 'arn:aws:sqs:cn-north-1:1:dlq' },
      },
    });
  });

  it('moves an existing schedule, and cancelling a missing one is fine', async () => {
    scheduler
      .on(CreateScheduleCommand)
      .rejects(new ConflictException({ message: 'exists', Message: 'exists', $metadata: {} }));
    scheduler.on(UpdateScheduleCommand).resolves({});
    scheduler
      .on(DeleteScheduleCommand)
      .rejects(new ResourceNotFoundException({ message: 'gone', Message: 'gone', $metadata: {} }));
    const adapter = makeEventBridgeScheduler(settings, new SchedulerClient({}));
    await adapter.schedule({ name: 'n', at: new Date(), target: 'Revoke', payload: {} });
    expect(scheduler.commandCalls(UpdateScheduleCommand)).toHaveLength(1);
    await expect(adapter.cancel('n')).resolves.toBeUndefined();
    await expect(
      adapter.schedule({ name: 'n', at: new Date(), target: 'Nope', payload: {} }),
    ).rejects.toThrow(/Nope/);
  });
});

describe('Step Functions workflow', () => {
  const workflow = () =>
    makeStepFunctionsWorkflow({ Offboarding: 'arn:aws:states:1:stateMachine:o' }, new SFNClient({}));

  it('starts a named execution with its input', async () => {
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'x' });
    await workflow().start('Offboarding', 'case-1', { caseId: 'case-1' });
    expect(sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input).toEqual({
      stateMachineArn: 'arn:aws:states:1:stateMachine:o',
      name: 'case-1',
      input: '{"caseId":"case-1"}',
    });
    sfn.on(StartExecutionCommand).rejects(new ExecutionAlreadyExists({ message: 'exists', $metadata: {} }));
    await expect(workflow().start('Offboarding', 'case-1', {})).rejects.toThrow(/another input/);
  });

  it('reports a token whose task is over as no longer waiting', async () => {
    sfn.on(SendTaskSuccessCommand).rejects(new TaskTimedOut({ message: 'late', $metadata: {} }));
    await expect(workflow().sendTaskSuccess('t', { ok: true })).rejects.toBeInstanceOf(
      TaskNoLongerWaitingError,
    );
  });
});

describe('cursor key from Secrets Manager', () => {
  it('reads the secret once per container, and again only after a failed read', async () => {
    secrets
      .on(GetSecretValueCommand)
      .rejectsOnce(new Error('throttled'))
      .resolves({ SecretString: 'k'.repeat(64) });
    const source = secretsManagerCursorKey('arn:secret', new SecretsManagerClient({}));
    await expect(source.key()).rejects.toThrow('throttled');
    expect((await source.key()).toString()).toBe('k'.repeat(64));
    await source.key();
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });
});

describe('business metrics with Powertools Metrics', () => {
  it('writes one line of CloudWatch embedded metric format, in our namespace, without dimensions', async () => {
    const lines: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      const metrics = makePowertoolsMetrics();
      await metrics.publish([
        { name: 'OpenCases', value: 3, unit: 'Count' },
        { name: 'BackupAgeSeconds', value: 14_400, unit: 'Seconds' },
      ]);
      await metrics.publish([]);
    } finally {
      write.mockRestore();
    }
    const emitted = lines.join('').trim().split('\n');
    expect(emitted).toHaveLength(1);
    const emf = JSON.parse(emitted[0] as string);
    // No dimension set: CloudWatch publishes the metrics undimensioned, as the alarms watch them.
    expect(emf._aws.CloudWatchMetrics).toEqual([
      {
        Namespace: 'KeyPersonHR',
        Dimensions: [],
        Metrics: [
          { Name: 'OpenCases', Unit: 'Count' },
          { Name: 'BackupAgeSeconds', Unit: 'Seconds' },
        ],
      },
    ]);
    expect(emf).toMatchObject({ OpenCases: 3, BackupAgeSeconds: 14_400 });
    expect(emf).not.toHaveProperty('service');
  });
});
