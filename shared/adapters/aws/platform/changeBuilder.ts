import type { PreparedChange, PreparedWrite } from '#kernel/writes.ts';
import type { Item, Key } from './hrTable.ts';

type Explain = () => Error;
type Values = Record<string, unknown>;

const noCondition: Explain = () => new Error('A write without a condition was rejected');

/**
 * Collects the transaction items of one change, each with what its failed condition means.
 * DynamoDB allows one operation per item in a transaction: `touches` tells whether a key is taken.
 */
export class ChangeBuilder {
  private readonly writes: PreparedWrite[] = [];
  private readonly explanations: Explain[] = [];
  private readonly keys = new Set<string>();
  private readonly tableName: string;

  constructor(tableName: string) {
    this.tableName = tableName;
  }

  private add(key: Key, write: PreparedWrite, explain: Explain): this {
    const id = `${key.pk}\u0000${key.sk}`;
    if (this.keys.has(id)) throw new Error(`One change writes ${key.pk} ${key.sk} twice`);
    this.keys.add(id);
    this.writes.push(write);
    this.explanations.push(explain);
    return this;
  }

  touches(key: Key): boolean {
    return this.keys.has(`${key.pk}\u0000${key.sk}`);
  }

  put(
    item: Item & Key,
    condition?: { expression: string; values?: Values; names?: Record<string, string>; explain: Explain },
  ) {
    return this.add(
      { pk: item.pk, sk: item.sk },
      {
        Put: {
          TableName: this.tableName,
          Item: item,
          ...(condition ? conditionOf(condition) : {}),
        },
      },
      condition?.explain ?? noCondition,
    );
  }

  update(
    key: Key,
    update: { expression: string; condition?: string; values?: Values; names?: Record<string, string> },
    explain: Explain,
  ) {
    return this.add(
      key,
      {
        Update: {
          TableName: this.tableName,
          Key: { pk: key.pk, sk: key.sk },
          UpdateExpression: update.expression,
          ...(update.condition ? { ConditionExpression: update.condition } : {}),
          ...(update.values && Object.keys(update.values).length > 0
            ? { ExpressionAttributeValues: update.values }
            : {}),
          ...(update.names && Object.keys(update.names).length > 0
            ? { ExpressionAttributeNames: update.names }
            : {}),
        },
      },
      explain,
    );
  }

  delete(key: Key) {
    return this.add(
      key,
      { Delete: { TableName: this.tableName, Key: { pk: key.pk, sk: key.sk } } },
      noCondition,
    );
  }

  /**
   * Asserts something of an item the change does not otherwise write. An item it already writes is
   * skipped: DynamoDB takes one operation per item, and that one carries its own condition.
   */
  check(
    key: Key,
    condition: { expression: string; values?: Values; names?: Record<string, string>; explain: Explain },
  ) {
    if (this.touches(key)) return this;
    return this.add(
      key,
      {
        ConditionCheck: {
          TableName: this.tableName,
          Key: { pk: key.pk, sk: key.sk },
          ...conditionOf(condition),
        },
      },
      condition.explain,
    );
  }

  build(): PreparedChange {
    const explanations = [...this.explanations];
    return { writes: [...this.writes], explain: (index) => (explanations[index] ?? noCondition)() };
  }
}

function conditionOf(condition: { expression: string; values?: Values; names?: Record<string, string> }) {
  return {
    ConditionExpression: condition.expression,
    ...(condition.values ? { ExpressionAttributeValues: condition.values } : {}),
    ...(condition.names ? { ExpressionAttributeNames: condition.names } : {}),
  };
}
