import { createHash } from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { BackupStorage } from '#ports/backups/backupStorage.ts';

/** 8 MiB parts, two in flight: a file being written holds at most a few parts in memory. */
const partSize = 8 * 1024 * 1024;

/** The backup bucket on S3: files stream through gzip into multipart uploads. */
export function makeS3BackupStorage(client: S3Client, bucket: string): BackupStorage {
  return {
    createFile(key) {
      const gzip = createGzip();
      const hash = createHash('sha256');
      let bytes = 0;
      const body = new PassThrough();
      gzip.on('data', (chunk: Buffer) => {
        hash.update(chunk);
        bytes += chunk.length;
      });
      gzip.pipe(body);
      const upload = new Upload({
        client,
        params: {
          Bucket: bucket,
          Key: key,
          Body: body,
          ContentType: 'application/x-ndjson',
          ContentEncoding: 'gzip',
        },
        partSize,
        queueSize: 2,
      });
      const done = upload.done();
      // An upload failure surfaces at end(); keep it from being reported as unhandled before that.
      done.catch(() => {});
      return {
        async write(line) {
          if (!gzip.write(`${line}\n`)) await new Promise((resolve) => gzip.once('drain', resolve));
        },
        async end() {
          gzip.end();
          await done;
          return { bytes, sha256: hash.digest('hex') };
        },
      };
    },
    async readFile(key) {
      try {
        const { Body } = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return Body as Readable | undefined;
      } catch (error) {
        if ((error as Error).name === 'NoSuchKey') return undefined;
        throw error;
      }
    },
    async put(key, body) {
      await client.send(
        new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'application/json' }),
      );
    },
    async get(key) {
      try {
        const { Body } = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return Body ? await Body.transformToString() : undefined;
      } catch (error) {
        if ((error as Error).name === 'NoSuchKey') return undefined;
        throw error;
      }
    },
  };
}
