import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { ObjectStore } from '#ports/platform/objectStore.ts';

const emulated = Boolean(process.env.AWS_ENDPOINT_URL_S3);

/**
 * The one S3 client of a function. Against the local emulator: path-style addresses, and checksums
 * only where S3 requires them (the emulator does not verify the SDK's default ones).
 */
export const s3 = new S3Client(
  emulated ? { forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED' } : {},
);

export function makeObjectStore(bucket: string, client = s3): ObjectStore {
  return {
    async put(key, body, contentType) {
      await client.send(
        new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }),
      );
    },
    async get(key) {
      try {
        const { Body } = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return Body ? Buffer.from(await Body.transformToByteArray()) : undefined;
      } catch (error) {
        if ((error as Error).name === 'NoSuchKey') return undefined;
        throw error;
      }
    },
    async size(key) {
      try {
        const { ContentLength } = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return ContentLength ?? 0;
      } catch (error) {
        if ((error as Error).name === 'NotFound' || (error as Error).name === 'NoSuchKey') return undefined;
        throw error;
      }
    },
    downloadUrl: (key, expiresIn) =>
      getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn }),
    uploadUrl: (key, contentType, expiresIn) =>
      getSignedUrl(client, new PutObjectCommand({ Bucket: bucket, Key: key, ContentType: contentType }), {
        expiresIn,
      }),
  };
}
