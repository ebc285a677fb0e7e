import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Clock } from '#kernel/clock.ts';
import type { OneTimeSchedule, Scheduler } from '#ports/platform/scheduler.ts';
import type { DeadLetter, Invoke } from './localEventBus.ts';

/** Like the retry policy of the real schedules, shortened: then the schedule goes to the dead letters. */
const maxAttempts = 3;

interface StoredSchedule extends Omit<OneTimeSchedule, 'at'> {
  at: string;
  attempts: number;
  deadLetter?: boolean;
}

/**
 * EventBridge Scheduler in one process: schedules live in a local DynamoDB table (so they survive a
 * restart) and fire when the injected clock reaches them, invoking the same function with the same
 * payload. A fired schedule is deleted, as `ActionAfterCompletion: DELETE` does.
 */
export class LocalScheduler implements Scheduler {
  private running: Promise<string[]> | undefined;
  private readonly dynamo: DynamoDBDocumentClient;
  private readonly tableName: string;
  private readonly invoke: Invoke;
  private readonly clock: Clock;
  private readonly deadLetter: DeadLetter | undefined;

  constructor(options: {
    dynamo: DynamoDBDocumentClient;
    tableName: string;
    invoke: Invoke;
    clock: Clock;
    deadLetter?: DeadLetter;
  }) {
    this.dynamo = options.dynamo;
    this.tableName = options.tableName;
    this.invoke = options.invoke;
    this.clock = options.clock;
    this.deadLetter = options.deadLetter;
  }

  async schedule(schedule: OneTimeSchedule): Promise<void> {
    const item: StoredSchedule = { ...schedule, at: schedule.at.toISOString(), attempts: 0 };
    await this.dynamo.send(new PutCommand({ TableName: this.tableName, Item: item }));
  }

  async cancel(name: string): Promise<void> {
    await this.dynamo.send(new DeleteCommand({ TableName: this.tableName, Key: { name } }));
  }

  async exists(name: string): Promise<boolean> {
    const { Item } = await this.dynamo.send(
      new GetCommand({ TableName: this.tableName, Key: { name }, ConsistentRead: true }),
    );
    return Item !== undefined && !Item.deadLetter;
  }

  async list(): Promise<StoredSchedule[]> {
    const items: StoredSchedule[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.dynamo.send(
        new ScanCommand({ TableName: this.tableName, ExclusiveStartKey: startKey }),
      );
      items.push(...((page.Items ?? []) as StoredSchedule[]));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items.sort((a, b) => a.at.localeCompare(b.at));
  }

  /** When the next schedule that can still fire is due. */
  async nextDue(): Promise<Date | undefined> {
    const next = (await this.list()).find((s) => !s.deadLetter);
    return next ? new Date(next.at) : undefined;
  }

  /** Fires everything due by the clock, oldest first; returns the names fired. One run at a time. */
  async fireDue(): Promise<string[]> {
    while (this.running) await this.running;
    this.running = this.fire().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async fire(): Promise<string[]> {
    const now = this.clock.now().toISOString();
    const due = (await this.list()).filter((s) => !s.deadLetter && s.at <= now);
    const fired: string[] = [];
    for (const schedule of due) {
      try {
        await this.invoke(schedule.target, schedule.payload);
        // Only if it was not moved meanwhile: a moved schedule stays for its new time.
        await this.dynamo
          .send(
            new DeleteCommand({
              TableName: this.tableName,
              Key: { name: schedule.name },
              ConditionExpression: '#at = :at',
              ExpressionAttributeNames: { '#at': 'at' },
              ExpressionAttributeValues: { ':at': schedule.at },
            }),
          )
          .catch((error: unknown) => {
            if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
          });
        fired.push(schedule.name);
      } catch (error) {
        const attempts = schedule.attempts + 1;
        console.error(`Schedule ${schedule.name} → ${schedule.target} failed (attempt ${attempts}):`, error);
        await this.dynamo.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: { name: schedule.name },
            UpdateExpression: 'SET attempts = :a, deadLetter = :d',
            ExpressionAttributeValues: { ':a': attempts, ':d': attempts >= maxAttempts },
          }),
        );
        if (attempts >= maxAttempts) await this.deadLetter?.(schedule.target, schedule.payload, error);
      }
    }
    return fired;
  }
}
