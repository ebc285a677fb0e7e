import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Clock } from '#kernel/clock.ts';
import type { Identity, SignInIdentity } from '#ports/people/index.ts';

export interface LocalUser extends SignInIdentity {
  enabled: boolean;
  signedOutAt?: string;
}

/** Cognito's user directory, locally: users in a local table, read by `npm run token` to sign in. */
export class LocalIdentity implements Identity {
  private readonly dynamo: DynamoDBDocumentClient;
  private readonly tableName: string;
  private readonly clock: Clock;

  constructor(options: { dynamo: DynamoDBDocumentClient; tableName: string; clock: Clock }) {
    this.dynamo = options.dynamo;
    this.tableName = options.tableName;
    this.clock = options.clock;
  }

  async get(employeeId: string): Promise<LocalUser | undefined> {
    const { Item } = await this.dynamo.send(
      new GetCommand({ TableName: this.tableName, Key: { employeeId }, ConsistentRead: true }),
    );
    return Item as LocalUser | undefined;
  }

  async ensureUser(user: SignInIdentity): Promise<void> {
    const existing = await this.get(user.employeeId);
    const next: LocalUser = { ...user, groups: [...user.groups], enabled: existing?.enabled ?? true };
    if (existing?.signedOutAt) next.signedOutAt = existing.signedOutAt;
    await this.dynamo.send(new PutCommand({ TableName: this.tableName, Item: next }));
  }

  private async set(employeeId: string, expression: string, values: Record<string, unknown>) {
    await this.dynamo
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { employeeId },
          UpdateExpression: expression,
          ConditionExpression: 'attribute_exists(employeeId)',
          ExpressionAttributeValues: values,
        }),
      )
      .catch((error: Error) => {
        // Like Cognito's admin calls on a user that is gone: nothing left to change.
        if (error.name !== 'ConditionalCheckFailedException') throw error;
      });
  }

  async status(employeeId: string): Promise<'enabled' | 'disabled' | 'missing'> {
    const user = await this.get(employeeId);
    return !user ? 'missing' : user.enabled ? 'enabled' : 'disabled';
  }

  /** What an administrator can do by hand in the console (the product itself never re-enables). */
  enable(employeeId: string) {
    return this.set(employeeId, 'SET enabled = :yes', { ':yes': true });
  }

  disable(employeeId: string) {
    return this.set(employeeId, 'SET enabled = :no', { ':no': false });
  }

  signOutEverywhere(employeeId: string) {
    return this.set(employeeId, 'SET signedOutAt = :at', { ':at': this.clock.now().toISOString() });
  }

  async remove(employeeId: string): Promise<void> {
    await this.dynamo.send(new DeleteCommand({ TableName: this.tableName, Key: { employeeId } }));
  }
}
