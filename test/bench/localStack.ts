import { ManualClock } from '#adapters/local/manualClock.ts';
import { loadDemoCompany } from '#infra/local/demo/loadDemo.ts';
import { startEmulators } from '#infra/local/emulators/emulators.ts';
import { type LocalRuntimeOptions, startLocalRuntime } from '#infra/local/runtime.ts';

/** The local stack for benchmarks: in-memory emulators, the demo company, tokens by employee id. */
export async function benchStack(options: Pick<LocalRuntimeOptions, 'workflows'> = {}) {
  const emulators = await startEmulators({ dynamodbPort: 0, s3Port: 0 });
  const clock = new ManualClock('2026-11-02T01:00:00.000Z');
  const runtime = await startLocalRuntime({
    emulators: emulators.endpoints,
    port: 0,
    clock,
    logLevel: 'SILENT',
    ...options,
  });
  const { company } = await loadDemoCompany({
    dynamo: runtime.clients.dynamo,
    names: runtime.names,
    identity: runtime.identity,
    clock,
    timeZone: runtime.settings.companyTimeZone,
  });
  const tokenFor = (employeeId: string) => {
    const person = company.people.find((p) => p.id === employeeId);
    return runtime.identityProvider.issue({
      employeeId,
      groups: person?.roles ?? ['employee'],
      ttlSeconds: 86_400,
    });
  };
  return {
    runtime,
    clock,
    tokenFor,
    stop: async () => {
      await runtime.stop();
      await emulators.stop();
    },
  };
}

const counts = new Map<string, number>();
let counting = false;

/**
 * Counts the DynamoDB calls the handlers make (they share this client module with the benchmark).
 * One counter per process: each section resets it before it measures.
 */
export async function countDynamodbCalls() {
  if (!counting) {
    const { dynamodbClient } = await import('#adapters/aws/platform/dynamodb.ts');
    dynamodbClient.middlewareStack.add(
      (next, context) => async (args) => {
        const command = context.commandName ?? 'unknown';
        counts.set(command, (counts.get(command) ?? 0) + 1);
        return next(args);
      },
      { step: 'initialize', name: 'benchCallCounter' },
    );
    counting = true;
  }
  return {
    reset: () => counts.clear(),
    describe: (operations: number) =>
      [...counts]
        .map(([command, n]) => `${(n / operations).toFixed(1)} ${command.replace(/Command$/, '')}`)
        .join(' + ') || '0',
  };
}
