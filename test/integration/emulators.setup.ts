import type { TestProject } from 'vitest/node';
import { type EmulatorEndpoints, startEmulators } from '#infra/local/emulators/emulators.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    emulators: EmulatorEndpoints;
  }
}

/** One DynamoDB Local and one S3 emulator for the whole run, in memory; test files isolate by name prefix. */
export default async function setup(project: TestProject) {
  const emulators = await startEmulators({ dynamodbPort: 0, s3Port: 0 });
  project.provide('emulators', emulators.endpoints);
  return () => emulators.stop();
}
