import type { ProblemEntry } from '#kernel/errors.ts';

export const offboardingProblems = {
  resignation_open: {
    kind: 'conflict',
    meaning: 'The employee already has an open resignation, or has left',
    zh: '该员工已有进行中的离职申请，或已离职。',
  },
  already_left: { kind: 'conflict', meaning: 'The employee has already left', zh: '该员工已离职。' },
  access_ended: {
    kind: 'conflict',
    meaning: 'The account stage has already applied (or was cancelled)',
    zh: '账号停用阶段已执行（或已取消）。',
  },
  case_exists: { kind: 'conflict', meaning: 'The case is open already', zh: '交接案件已开启。' },
  case_ended: {
    kind: 'conflict',
    meaning: 'The case is completed or cancelled',
    zh: '交接案件已完成或已取消。',
  },
  node_closed: {
    kind: 'conflict',
    meaning: 'The handover node is closed, or its case is not open',
    zh: '该交接节点已关闭，或其案件不在进行中。',
  },
  item_exists: { kind: 'conflict', meaning: 'The handover item exists', zh: '该交接事项已存在。' },
  item_accepted: { kind: 'conflict', meaning: 'The customer is already accepted', zh: '该客户已被接收。' },
  report_submitted: {
    kind: 'conflict',
    meaning: 'The work report is submitted; the manager returns it for changes',
    zh: '工作交接报告已提交，如需修改请由经理退回。',
  },
  comments_full: {
    kind: 'conflict',
    meaning: 'The work report holds as many comments as it takes',
    zh: '工作交接报告的评论已达上限。',
  },
  report_approved: {
    kind: 'conflict',
    meaning: 'The work report is approved',
    zh: '工作交接报告已审批通过。',
  },
  report_not_submitted: {
    kind: 'conflict',
    meaning: 'The work report is not submitted',
    zh: '工作交接报告尚未提交。',
  },
  asset_confirmed: { kind: 'conflict', meaning: 'The asset is confirmed already', zh: '该资产已确认归还。' },
  report_integrity: {
    kind: 'conflict',
    meaning: 'The stored report no longer matches the hash in the evidence log',
    zh: '存储的报告与证据日志中的哈希值不符。',
  },
  invalid_last_working_day: {
    kind: 'invalid',
    meaning: 'The last working day has passed or lies beyond the notice allowed',
    zh: '最后工作日已过，或超出了允许的通知期。',
  },
  invalid_successor: {
    kind: 'invalid',
    meaning: 'A successor is not a current employee who can take over',
    zh: '接收人不是可以接手的在职员工。',
  },
  not_acceptable: {
    kind: 'invalid',
    meaning: 'Some items are not what the signer was shown, or not theirs to accept',
    zh: '部分事项与签收人看到的不一致，或不归其接收。',
  },
  not_reassignable: {
    kind: 'invalid',
    meaning: 'Some customers cannot be reassigned',
    zh: '部分客户无法重新分配。',
  },
  report_incomplete: {
    kind: 'invalid',
    meaning: 'A section of the work report is empty',
    zh: '工作交接报告有空白部分。',
  },
} as const satisfies Record<string, ProblemEntry>;
