import type { Readable } from 'node:stream';

/** An item as DynamoDB stores it (DynamoDB JSON): what backups carry, so a restore is exact. */
export type RawItem = Record<string, unknown>;

/** One backup file being written: gzip JSON Lines, streamed to storage. */
export interface BackupFileWriter {
  /** Appends one line; waits when the upload falls behind (memory stays bounded). */
  write(line: string): Promise<void>;
  /** Finishes the upload; the size and sha256 are of the stored (gzip) bytes. */
  end(): Promise<{ bytes: number; sha256: string }>;
}

/** The backup bucket. */
export interface BackupStorage {
  createFile(key: string): BackupFileWriter;
  /** The stored bytes of a file, as a stream; undefined when there is no such file. */
  readFile(key: string): Promise<Readable | undefined>;
  put(key: string, body: string): Promise<void>;
  get(key: string): Promise<string | undefined>;
}

/** Whole-table access for backups and restores. */
export interface TableAccess {
  /**
   * Reads the whole table in parallel segments, strongly consistent; each page goes to `onPage`.
   * An optional filter keeps only matching items (e.g. evidence up to a sequence number).
   */
  scan(
    table: string,
    options: {
      segments: number;
      filter?: { expression: string; names: Record<string, string>; values: RawItem };
    },
    onPage: (items: RawItem[]) => Promise<void>,
  ): Promise<void>;
  /** Writes items (25 a request), sending back whatever DynamoDB left unprocessed. */
  writeBatch(table: string, items: readonly RawItem[]): Promise<void>;
  /**
   * Writes items one conditional put each, never over an item that is there (the evidence log: a role
   * that may only put can refill it, and nothing in it is overwritten). An item already there with the
   * same key counts as written (a re-run after an interruption); its key attribute is `keyAttribute`.
   */
  putNew(table: string, items: readonly RawItem[], keyAttribute: string): Promise<void>;
  isEmpty(table: string): Promise<boolean>;
}
