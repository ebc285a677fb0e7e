import * as z from '#kernel/zod.ts';

/**
 * The offboarding area's ids and the words its entities share: a case names its resignation, its
 * template, its nodes' kinds, confirmers and work sections. Small schemas in a module of their own, so
 * that a function reading cases or resignation events does not build the template's or the
 * resignation's schemas at cold start (a module's top-level schemas are built once it is imported).
 */

/** R + the UTC time of submission to the second + 6 random hex digits; the case has the same id. */
export const ResignationId = z
  .string()
  .check(z.regex(/^R\d{14}[0-9a-f]{6}$/, 'A resignation (case) id looks like R20261102010000a1b2c3'));

export const TemplateId = z
  .string()
  .check(z.regex(/^[a-z][a-z0-9-]{1,39}$/, 'Lower-case letters, digits and dashes, like sales'));

/**
 * A node kind's name (customers, work-report, assets…): which kinds exist, what they hand over and who
 * may confirm them is the node-kind registry's to say (shared/app/offboarding/handover/nodes/).
 */
export const NodeKindName = z
  .string()
  .check(z.regex(/^[a-z][a-z-]{1,30}$/, 'A node kind such as customers or work-report'));

/**
 * Who confirms a node's items: the successor accepts customers (the manager may reassign them), the
 * manager (or HR) approves the work report, the admin office (or HR) confirms assets. Each node kind
 * says which of these it takes.
 */
export const Confirmer = z.enum(['successor', 'manager', 'hr', 'admin_office']);
export type Confirmer = z.infer<typeof Confirmer>;

/** Sections of the work report; each holds entries of a title and details. */
export const WorkSection = z.enum([
  'openProjects',
  'pendingTasks',
  'documentLocations',
  'accountsToHandOver',
  'repositories',
  'credentialsToRotate',
  'team',
  'openApprovals',
]);
export type WorkSection = z.infer<typeof WorkSection>;
