import {
  ConflictException,
  CreateScheduleCommand,
  type CreateScheduleCommandInput,
  DeleteScheduleCommand,
  GetScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import { localDateTime } from '#kernel/time.ts';
import type { Scheduler } from '#ports/platform/scheduler.ts';

export interface EventBridgeSchedulerSettings {
  groupName: string;
  /** Schedules are written in the company's time zone, so they read right in the console. */
  timeZone: string;
  roleArn: string;
  deadLetterArn: string;
  /** The ARN of a function schedules may target, by manifest id. */
  targetArn(functionId: string): string | undefined;
}

/** `at(...)` takes a wall-clock date-time, read in ScheduleExpressionTimezone. */
export function atExpression(at: Date, timeZone: string): string {
  return `at(${localDateTime(at, timeZone)})`;
}

/**
 * One-time EventBridge Scheduler schedules: deleted after they run, retried for a day, and sent to the
 * dead-letter queue if the target still fails (the compliance sweep then finds what is missing).
 */
export function makeEventBridgeScheduler(
  settings: EventBridgeSchedulerSettings,
  client = new SchedulerClient({}),
): Scheduler {
  return {
    async schedule(schedule) {
      const arn = settings.targetArn(schedule.target);
      if (!arn) throw new Error(`No schedule target ${schedule.target}`);
      const input: CreateScheduleCommandInput = {
        Name: schedule.name,
        GroupName: settings.groupName,
        ScheduleExpression: atExpression(schedule.at, settings.timeZone),
        ScheduleExpressionTimezone: settings.timeZone,
        FlexibleTimeWindow: { Mode: 'OFF' },
        ActionAfterCompletion: 'DELETE',
        Target: {
          Arn: arn,
          RoleArn: settings.roleArn,
          Input: JSON.stringify(schedule.payload),
          RetryPolicy: { MaximumRetryAttempts: 20, MaximumEventAgeInSeconds: 24 * 60 * 60 },
          DeadLetterConfig: { Arn: settings.deadLetterArn },
        },
      };
      try {
        await client.send(new CreateScheduleCommand(input));
      } catch (error) {
        if (!(error instanceof ConflictException)) throw error;
        await client.send(new UpdateScheduleCommand(input));
      }
    },
    async exists(name) {
      try {
        await client.send(new GetScheduleCommand({ Name: name, GroupName: settings.groupName }));
        return true;
      } catch (error) {
        if (error instanceof ResourceNotFoundException) return false;
        throw error;
      }
    },
    async cancel(name) {
      try {
        await client.send(new DeleteScheduleCommand({ Name: name, GroupName: settings.groupName }));
      } catch (error) {
        if (!(error instanceof ResourceNotFoundException)) throw error;
      }
    },
  };
}
