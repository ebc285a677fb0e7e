import { kernelProblems, type ProblemEntry } from '#kernel/errors.ts';
import { attendanceProblems } from './attendance/errors.ts';
import { backupProblems } from './backups/errors.ts';
import { communicationProblems } from './communication/errors.ts';
import { customerProblems } from './customers/errors.ts';
import { importProblems } from './imports/errors.ts';
import { offboardingProblems } from './offboarding/errors.ts';
import { peopleProblems } from './people/errors.ts';
import { performanceProblems } from './performance/errors.ts';
import { riskProblems } from './risk/errors.ts';
import { successionProblems } from './succession/errors.ts';
import { trainingProblems } from './training/errors.ts';

/**
 * Every problem code the domain answers with (the `code` of problem+json), area by area, each with its
 * kind and meaning. A DomainError takes only a code declared here; a new area adds its catalogue here.
 */
export const problemCatalogue = {
  ...kernelProblems,
  ...peopleProblems,
  ...customerProblems,
  ...offboardingProblems,
  ...backupProblems,
  ...importProblems,
  ...riskProblems,
  ...communicationProblems,
  ...performanceProblems,
  ...attendanceProblems,
  ...trainingProblems,
  ...successionProblems,
} as const satisfies Record<string, ProblemEntry>;

export type ProblemCatalogue = typeof problemCatalogue;
export type ProblemCode = keyof ProblemCatalogue;
