/**
 * Manifest ids that code names at run time: a schedule's target is a function id, which the AWS
 * adapter turns into an ARN and the local scheduler invokes directly.
 */
export const functionIds = {
  /** Applies revocation stages; every revocation schedule targets it. */
  revocation: 'Revocation',
  /** The handover workflow's case tasks: open, advance, wait for confirmation, flag for attention. */
  handoverCase: 'HandoverCase',
  /** The handover workflow's closing tasks: transfer customers, compile the report, complete. */
  handoverCompletion: 'HandoverCompletion',
  /** The review computation workflow's tasks: plan, compute a department, finish, fail. */
  reviewComputation: 'ReviewComputation',
} as const;
