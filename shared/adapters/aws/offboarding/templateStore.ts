import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { type HrTable, withoutKeys } from '#adapters/aws/platform/hrTable.ts';
import { type OffboardingTemplate, templateKeys } from '#domain/offboarding/template.ts';
import { StaleVersionError } from '#kernel/errors.ts';
import type { TemplateStore } from '#ports/offboarding/templateStore.ts';

export function makeTemplateStore(dynamo: DynamoDBDocumentClient, table: HrTable): TemplateStore {
  return {
    async stored() {
      const items = await table.all({ partition: templateKeys.partition, sortPrefix: 'TEMPLATE#' });
      return items.map((i) => withoutKeys<OffboardingTemplate & { version: number }>(i));
    },
    async put(template, expectedVersion) {
      const version = (expectedVersion ?? 0) + 1;
      try {
        await dynamo.send(
          new PutCommand({
            TableName: table.tableName,
            Item: { ...templateKeys.item(template.id), type: 'OffboardingTemplate', ...template, version },
            ConditionExpression:
              expectedVersion === undefined ? 'attribute_not_exists(pk)' : 'version = :expected',
            ...(expectedVersion === undefined
              ? {}
              : { ExpressionAttributeValues: { ':expected': expectedVersion } }),
          }),
        );
      } catch (error) {
        if ((error as Error).name === 'ConditionalCheckFailedException') throw new StaleVersionError();
        throw error;
      }
      return version;
    },
  };
}
