import type { BucketId, TableId } from '#functions/definition.ts';

/**
 * The tables and buckets, described once. The CDK builds the AWS resources from these, the local
 * runtime creates the same tables in DynamoDB Local and the same buckets in the S3 emulator.
 */
export interface KeyAttribute {
  name: string;
  type: 'S' | 'N';
}

export interface TableDefinition {
  /** Logical name (the CDK construct id and the local table name). */
  name: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  globalIndexes: { name: string; partitionKey: KeyAttribute; sortKey: KeyAttribute }[];
  /** Items with this epoch-seconds attribute expire (DynamoDB TTL). */
  timeToLiveAttribute?: string;
}

const s = (name: string): KeyAttribute => ({ name, type: 'S' });

export const tables = {
  /** Single table for every entity; access patterns are written next to each entity in shared/domain. */
  hr: {
    name: 'Hr',
    partitionKey: s('pk'),
    sortKey: s('sk'),
    globalIndexes: [
      { name: 'gsi1', partitionKey: s('gsi1pk'), sortKey: s('gsi1sk') },
      { name: 'gsi2', partitionKey: s('gsi2pk'), sortKey: s('gsi2sk') },
    ],
    timeToLiveAttribute: 'expiresAt',
  },
  /** Append-only, hash-chained log: one chain, entries ordered by a numeric sequence. */
  evidence: {
    name: 'Evidence',
    partitionKey: s('chain'),
    sortKey: { name: 'seq', type: 'N' },
    globalIndexes: [
      { name: 'bySubject', partitionKey: s('subject'), sortKey: s('at') },
      { name: 'byCase', partitionKey: s('caseId'), sortKey: s('at') },
    ],
  },
  /** Powertools idempotency records (its default key and expiry attributes). */
  idempotency: {
    name: 'Idempotency',
    partitionKey: s('id'),
    globalIndexes: [],
    timeToLiveAttribute: 'expiration',
  },
} as const satisfies Record<TableId, TableDefinition>;

export type { BucketId, TableId };

export const buckets = {
  backups: { name: 'backups', description: 'Daily backups of every table (Object Lock, versioned)' },
  reports: {
    name: 'reports',
    description: 'Handover reports, exports, and import files with their error reports',
  },
} as const satisfies Record<BucketId, { name: string; description: string }>;
