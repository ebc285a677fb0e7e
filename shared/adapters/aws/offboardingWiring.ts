import { makeMessenger } from '#app/notifications/messenger.ts';
import type { OffboardingDeps } from '#app/offboarding/deps.ts';
import { config, envNames } from '../config.ts';
import { lazyPort } from '../lazyPort.ts';
import { clock, resolvePort } from '../runtimePorts.ts';
import { makeCaseStore } from './caseStore.ts';
import { makeCustomerStore } from './customerStore.ts';
import { dynamo } from './dynamodb.ts';
import { makeEmployeeStore } from './employeeStore.ts';
import { makeEvidenceLog } from './evidenceLog.ts';
import { makeHrTable } from './hrTable.ts';

/** Without a sender address the product tells people in the app only. */
const noMail = { send: async () => {} };

import { makeInbox } from './inbox.ts';
import { makeResignationStore } from './resignationStore.ts';

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
        return from ? lazyPort(async () => (await import('./sesMailer.ts')).makeSesMailer(from)) : noMail;
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
        (await import('./stepFunctionsWorkflow.ts')).makeStepFunctionsWorkflow(
          JSON.parse(config('stateMachines')) as Record<string, string>,
        ),
      ),
    ),
  );
  const signer = lazy(() =>
    resolvePort('signer', () =>
      lazyPort(async () => (await import('./kmsSigner.ts')).makeKmsSigner(config('signingKey'))),
    ),
  );
  const bus = lazy(() =>
    resolvePort('eventBus', () =>
      lazyPort(async () => (await import('./eventBridgeBus.ts')).makeEventBridgeBus(config('eventBus'))),
    ),
  );
  const reports = lazy(() =>
    lazyPort(async () => (await import('./s3.ts')).makeObjectStore(config('reportsBucket'))),
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
