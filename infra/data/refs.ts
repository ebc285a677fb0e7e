import type { BucketId, TableId } from './definitions.ts';

/**
 * What the stateless stack uses of the stateful one: each value resolves to an explicitly named export
 * of the stateful stack, so a code change never touches the data.
 */
export interface DataRefs {
  tables: Record<TableId, { name: string; arn: string }>;
  buckets: Record<BucketId, { name: string; arn: string }>;
  dataKeyArn: string;
  opsKeyArn: string;
  cursorSecretArn: string;
  signingKeyArn: string;
  /** The WeCom secret, when the company uses WeCom. */
  wecomSecretArn?: string;
}
