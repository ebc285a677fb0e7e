import type { ProblemEntry } from '#kernel/errors.ts';

export const offboardingProblems = {
  resignation_open: {
    kind: 'conflict',
    meaning: 'The employee already has an open resignation, or has left',
  },
  already_left: { kind: 'conflict', meaning: 'The employee has already left' },
  access_ended: { kind: 'conflict', meaning: 'The account stage has already applied (or was cancelled)' },
  case_exists: { kind: 'conflict', meaning: 'The case is open already' },
  case_ended: { kind: 'conflict', meaning: 'The case is completed or cancelled' },
  node_closed: { kind: 'conflict', meaning: 'The handover node is closed, or its case is not open' },
  item_exists: { kind: 'conflict', meaning: 'The handover item exists' },
  item_accepted: { kind: 'conflict', meaning: 'The customer is already accepted' },
  report_submitted: {
    kind: 'conflict',
    meaning: 'The work report is submitted; the manager returns it for changes',
  },
  comments_full: { kind: 'conflict', meaning: 'The work report holds as many comments as it takes' },
  report_approved: { kind: 'conflict', meaning: 'The work report is approved' },
  report_not_submitted: { kind: 'conflict', meaning: 'The work report is not submitted' },
  asset_confirmed: { kind: 'conflict', meaning: 'The asset is confirmed already' },
  report_integrity: {
    kind: 'conflict',
    meaning: 'The stored report no longer matches the hash in the evidence log',
  },
  invalid_last_working_day: {
    kind: 'invalid',
    meaning: 'The last working day has passed or lies beyond the notice allowed',
  },
  invalid_successor: { kind: 'invalid', meaning: 'A successor is not a current employee who can take over' },
  not_acceptable: {
    kind: 'invalid',
    meaning: 'Some items are not what the signer was shown, or not theirs to accept',
  },
  not_reassignable: { kind: 'invalid', meaning: 'Some customers cannot be reassigned' },
  report_incomplete: { kind: 'invalid', meaning: 'A section of the work report is empty' },
} as const satisfies Record<string, ProblemEntry>;
