import { mkdirSync } from 'node:fs';
import { startFauxqs } from 'fauxqs';

export interface RunningS3 {
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * fauxqs as the S3 emulator, in this process. With a storage folder, objects are plain files that
 * survive restarts. It has no versioning, Object Lock or bucket policies: those are asserted in the
 * CDK tests instead.
 */
export async function startS3Emulator(options: { port: number; storageDir?: string }): Promise<RunningS3> {
  if (options.storageDir) mkdirSync(options.storageDir, { recursive: true });
  const server = await startFauxqs({
    port: options.port,
    logger: false,
    ...(options.storageDir ? { s3StorageDir: options.storageDir } : {}),
  });
  return { endpoint: `http://127.0.0.1:${server.port}`, stop: () => server.stop() };
}
