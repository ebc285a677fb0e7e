import { makeCustomerStore } from '#adapters/aws/customers/customerStore.ts';
import { makeEvidenceLog } from '#adapters/aws/evidence/evidenceLog.ts';
import { makeCaseStore } from '#adapters/aws/offboarding/caseStore.ts';
import { makeEmployeeStore } from '#adapters/aws/people/employeeStore.ts';
import { dynamo } from '#adapters/aws/platform/dynamodb.ts';
import { makeHrTable } from '#adapters/aws/platform/hrTable.ts';
import { config, envNames } from '#adapters/config.ts';
import { lazyPort } from '#adapters/lazyPort.ts';
import { clock, resolvePort } from '#adapters/runtimePorts.ts';
import { makeMessenger } from '#app/communication/messenger.ts';
import type { OffboardingDeps } from '#app/offboarding/handover/deps.ts';

/** Without a sender address the product tells people in the app only. */
const noMail = { send: async () => {} };

import { makeInbox } from '#adapters/aws/communication/inbox.ts';
import { makeResignationStore } from '#adapters/aws/offboarding/resignationStore.ts';

/**
 * The offboarding dependencies for a function. Each is made when first used, so a function builds only
 * the clients its manifest needs grant it (and is configured for).
 */
export function offboardingDeps(): OffboardingDeps {
  const table = makeHrTable(dynamo, config('hrTable'));
  const employees = makeEmployeeStore(table);
  const lazy = <T>(make: () => T) => {
    let made: T | undefined;
    return () => {
      made ??= make();
      return made;
    };
  };
  const messenger = lazy(() =>
    makeMessenger({
      notifier: makeInbox(dynamo, table, clock),
      mailer: resolvePort('mailer', () => {
        const from = process.env[envNames.mailFrom];
        return from
          ? lazyPort(async () => (await import('#adapters/aws/platform/sesMailer.ts')).makeSesMailer(from))
          : noMail;
      }),
      employees,
    }),
  );
  const customers = lazy(() => makeCustomerStore(table));
  const evidence = lazy(() => makeEvidenceLog(dynamo, config('evidenceTable'), clock));
  // SDK clients most requests never use load on their first call.
  const workflow = lazy(() =>
    resolvePort('workflow', () =>
      lazyPort(async () =>
        (await import('#adapters/aws/platform/stepFunctionsWorkflow.ts')).makeStepFunctionsWorkflow(
          JSON.parse(config('stateMachines')) as Record<string, string>,
        ),
      ),
    ),
  );
  const signer = lazy(() =>
    resolvePort('signer', () =>
      lazyPort(async () =>
        (await import('#adapters/aws/platform/kmsSigner.ts')).makeKmsSigner(config('signingKey')),
      ),
    ),
  );
  const bus = lazy(() =>
    resolvePort('eventBus', () =>
      lazyPort(async () =>
        (await import('#adapters/aws/platform/eventBridgeBus.ts')).makeEventBridgeBus(config('eventBus')),
      ),
    ),
  );
  const reports = lazy(() =>
    lazyPort(async () =>
      (await import('#adapters/aws/platform/s3.ts')).makeObjectStore(config('reportsBucket')),
    ),
  );
  return {
    cases: makeCaseStore(dynamo, table),
    employees,
    resignations: makeResignationStore(table),
    writes: table,
    clock,
    tell: (...args) => messenger()(...args),
    get customers() {
      return customers();
    },
    get evidence() {
      return evidence();
    },
    get workflow() {
      return workflow();
    },
    get signer() {
      return signer();
    },
    get bus() {
      return bus();
    },
    get reports() {
      return reports();
    },
    get timeZone() {
      return config('companyTimeZone');
    },
  };
}
