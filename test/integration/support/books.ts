import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { customerIndexItems, customerItem } from '#domain/customers/index.ts';
import { writeAll } from '#infra/local/demo/loadDemo.ts';

/**
 * A larger book for an owner, written straight into the table (records and their index items), far
 * faster than through the API: `count` standard customers with ids `<prefix>0000`, `<prefix>0001`…
 */
export async function addCustomers(
  dynamo: DynamoDBDocumentClient,
  table: string,
  book: { ownerId: string; count: number; idPrefix: string; at: string },
): Promise<void> {
  const items = Array.from({ length: book.count }, (_, n) => {
    const id = `${book.idPrefix}${String(n).padStart(4, '0')}`;
    const record = {
      id,
      name: `华东精密制造 ${id}`,
      industry: 'manufacturing' as const,
      region: '华东 East China',
      tier: 'standard' as const,
      ownerId: book.ownerId,
      contacts: [],
      deals: [],
      preferences: '',
      followUps: [],
      tags: [],
      version: 1,
      createdAt: book.at,
      updatedAt: book.at,
    };
    return [customerItem(record), ...customerIndexItems(record)];
  });
  await writeAll(dynamo, table, items.flat());
}
