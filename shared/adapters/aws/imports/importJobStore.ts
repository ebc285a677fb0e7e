import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ChangeBuilder } from '#adapters/aws/platform/changeBuilder.ts';
import { type HrTable, withoutKeys } from '#adapters/aws/platform/hrTable.ts';
import { ImportJob, importKeys } from '#domain/imports/index.ts';
import { ConflictError, StaleVersionError } from '#kernel/errors.ts';
import type { ImportJobStore } from '#ports/imports/importJobStore.ts';

/** pk = IMPORT#<jobId>: sk = JOB the job; sk = CHUNK#<index> one per chunk written. */
export function makeImportJobStore(dynamo: DynamoDBDocumentClient, table: HrTable): ImportJobStore {
  const jobItem = (job: ImportJob) => ({ ...importKeys.job(job.id), type: 'ImportJob', ...job });
  const chunkKey = (jobId: string, index: number) => ({
    pk: importKeys.job(jobId).pk,
    sk: `CHUNK#${String(index).padStart(6, '0')}`,
  });
  return {
    async get(jobId) {
      const item = await table.get(importKeys.job(jobId), true);
      return item ? ImportJob.parse(withoutKeys(item)) : undefined;
    },
    async create(job) {
      try {
        await dynamo.send(
          new PutCommand({
            TableName: table.tableName,
            Item: jobItem(job),
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return true;
      } catch (error) {
        if ((error as Error).name === 'ConditionalCheckFailedException') return false;
        throw error;
      }
    },
    prepareUpdate(before, after) {
      return new ChangeBuilder(table.tableName)
        .put(jobItem(after), {
          expression: 'version = :expected',
          values: { ':expected': before.version },
          explain: () => new StaleVersionError(),
        })
        .build();
    },
    prepareChunkDone(jobId, index, rows) {
      return new ChangeBuilder(table.tableName)
        .put(
          { ...chunkKey(jobId, index), type: 'ImportChunk', index, rows },
          {
            expression: 'attribute_not_exists(pk)',
            explain: () => new ConflictError('chunk_written', `Chunk ${index} of ${jobId} is written.`),
          },
        )
        .build();
    },
    async chunksDone(jobId) {
      const items = await table.all({
        partition: importKeys.job(jobId).pk,
        sortPrefix: 'CHUNK#',
        consistent: true,
      });
      return new Map(items.map((i) => [Number(i.index), Number(i.rows)]));
    },
  };
}
