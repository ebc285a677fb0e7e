import { makeImportJobStore } from '#adapters/aws/imports/importJobStore.ts';
import { dynamo } from '#adapters/aws/platform/dynamodb.ts';
import { makeCustomerImport } from '#app/customers/index.ts';
import { makeImportJobs } from '#app/imports/importJobs.ts';
import { makeEmployeeImport } from '#app/people/index.ts';
import type { EvidenceLog } from '#ports/evidence/index.ts';
import { messenger } from './communication.ts';
import { customerStore } from './customers.ts';
import { logger } from './log.ts';
import { notWired } from './notWired.ts';
import { once } from './once.ts';
import { accessStore, authenticate, departmentStore, employeeStore } from './people.ts';
import { bus, clock, evidence, reports, table } from './platform.ts';

/** Imports: CSV files of employees or customers, run as jobs by the ImportJob function. */
const importJobStore = /* @__PURE__ */ once(() => makeImportJobStore(dynamo, table()));

/** The API sends files and reads jobs; only the ImportJob function runs them (and records evidence). */
const importJobsWith = (runs: boolean) =>
  makeImportJobs({
    jobs: importJobStore(),
    files: reports(),
    bus: bus(),
    evidence: runs ? evidence() : notWired<EvidenceLog>('evidence'),
    writes: table(),
    clock,
    tell: messenger(),
    principalOf: authenticate,
    log: (message, details) => logger.error(message, details),
    handlers: {
      employees: makeEmployeeImport({
        employees: employeeStore(),
        departments: departmentStore(),
        access: accessStore(),
        bus: bus(),
      }),
      customers: makeCustomerImport({ customers: customerStore(), employees: employeeStore() }),
    },
  });

export const importsApi = /* @__PURE__ */ once(() => importJobsWith(false));
export const importRuns = /* @__PURE__ */ once(() => importJobsWith(true));
