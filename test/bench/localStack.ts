import { ManualClock } from '#adapters/local/manualClock.ts';
import { loadDemoCompany } from '#infra/local/demo/loadDemo.ts';
import { startEmulators } from '#infra/local/emulators/emulators.ts';
import { startLocalRuntime } from '#infra/local/runtime.ts';

/** The local stack for benchmarks: in-memory emulators, the demo company, tokens by employee id. */
export async function benchStack() {
  const emulators = await startEmulators({ dynamodbPort: 0, s3Port: 0 });
  const clock = new ManualClock('2026-11-02T01:00:00.000Z');
  const runtime = await startLocalRuntime({
    emulators: emulators.endpoints,
    port: 0,
    clock,
    logLevel: 'SILENT',
  });
  const company = await loadDemoCompany(
    runtime.clients.dynamo,
    runtime.names.tables.hr,
    runtime.identity,
    clock,
  );
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

/** Counts the DynamoDB calls the handlers make (they share this client module with the benchmark). */
export async function countDynamodbCalls() {
  const { dynamodbClient } = await import('#adapters/aws/dynamodb.ts');
  const counts = new Map<string, number>();
  dynamodbClient.middlewareStack.add(
    (next, context) => async (args) => {
      counts.set(context.commandName ?? 'unknown', (counts.get(context.commandName ?? 'unknown') ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'benchCallCounter' },
  );
  return {
    reset: () => counts.clear(),
    describe: (operations: number) =>
      [...counts]
        .map(([command, n]) => `${(n / operations).toFixed(1)} ${command.replace(/Command$/, '')}`)
        .join(' + ') || '0',
  };
}
