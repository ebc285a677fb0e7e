import { makeMessenger } from '#app/notifications/messenger.ts';
import type { OffboardingDeps } from '#app/offboarding/deps.ts';
import { config, envNames } from '../config.ts';
import { clock, resolvePort } from '../runtimePorts.ts';
import { makeCaseStore } from './caseStore.ts';
import { makeCustomerStore } from './customerStore.ts';
import { dynamo } from './dynamodb.ts';
import { makeEmployeeStore } from './employeeStore.ts';
import { makeEventBridgeBus } from './eventBridgeBus.ts';
import { makeEvidenceLog } from './evidenceLog.ts';
import { makeHrTable } from './hrTable.ts';
import { makeInbox } from './inbox.ts';
import { makeKmsSigner } from './kmsSigner.ts';
import { makeResignationStore } from './resignationStore.ts';
import { makeObjectStore } from './s3.ts';
import { makeSesMailer, noMail } from './sesMailer.ts';
import { makeStepFunctionsWorkflow } from './stepFunctionsWorkflow.ts';

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
        return from ? makeSesMailer(from) : noMail;
      }),
      employees,
    }),
  );
  const customers = lazy(() => makeCustomerStore(table));
  const evidence = lazy(() => makeEvidenceLog(dynamo, config('evidenceTable'), clock));
  const workflow = lazy(() =>
    resolvePort('workflow', () =>
      makeStepFunctionsWorkflow(JSON.parse(config('stateMachines')) as Record<string, string>),
    ),
  );
  const signer = lazy(() => resolvePort('signer', () => makeKmsSigner(config('signingKey'))));
  const bus = lazy(() => resolvePort('eventBus', () => makeEventBridgeBus(config('eventBus'))));
  const reports = lazy(() => makeObjectStore(config('reportsBucket')));
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
